package dev.cognitocreds.contract;

/**
 * The daemon's own {@code code} values in its error answers {@code {"code": ..., "message": ...}}
 * (docs/protocol.md, "HTTP API"). Cognito's refusals of a sign-in keep Cognito's names ({@code
 * NotAuthorizedException}, {@code CodeMismatchException}, ...).
 */
public final class ErrorCodes {
  public static final String MISSING_TOKEN = "MissingToken";
  public static final String BAD_TOKEN = "BadToken";
  public static final String FORBIDDEN_HOST = "ForbiddenHost";
  public static final String FORBIDDEN_ORIGIN = "ForbiddenOrigin";
  public static final String PROFILE_NOT_FOUND = "ProfileNotFound";
  public static final String SIGNED_OUT = "SignedOut";
  public static final String INVALID_PROFILE = "InvalidProfile";

  /**
   * A valid profile without the keys a command needs ({@code login --browser} without {@code
   * cognito_domain}): like {@link #INVALID_PROFILE}, a configuration error.
   */
  public static final String NOT_CONFIGURED = "NotConfigured";

  public static final String CONVERSATION_EXPIRED = "ConversationExpired";

  /** The identity pool refuses credentials to a signed-in user (licence revoked, no rule). */
  public static final String CREDENTIALS_REFUSED = "CredentialsRefused";

  /** Cognito unreachable or throttling, and no valid cached credentials. */
  public static final String UPSTREAM_UNAVAILABLE = "UpstreamUnavailable";

  /** Cognito answered something unexpected. */
  public static final String UPSTREAM_ERROR = "UpstreamError";

  /** The session store (keychain, sessions folder) cannot be read or written. */
  public static final String STORE_UNAVAILABLE = "StoreUnavailable";

  /** An ECR registry that no profile's cognito_registries names (nor the caller's AWS_PROFILE). */
  public static final String REGISTRY_NOT_CONFIGURED = "RegistryNotConfigured";

  /** A registry that is not ECR's: the credential helper answers "credentials not found". */
  public static final String REGISTRY_UNKNOWN = "RegistryUnknown";

  /** ECR refused GetAuthorizationToken with the profile's credentials. */
  public static final String REGISTRY_REFUSED = "RegistryRefused";

  /** ECR unreachable or throttling, or it answered without a token. */
  public static final String REGISTRY_UNAVAILABLE = "RegistryUnavailable";

  public static final String BAD_REQUEST = "BadRequest";
  public static final String NOT_FOUND = "NotFound";
  public static final String REQUEST_TOO_LARGE = "RequestTooLarge";
  public static final String BUSY = "Busy";
  public static final String INTERNAL_ERROR = "InternalError";

  /** Cognito's wrong username or password, passed on as Cognito names it. */
  public static final String NOT_AUTHORIZED = "NotAuthorizedException";

  private ErrorCodes() {}
}
