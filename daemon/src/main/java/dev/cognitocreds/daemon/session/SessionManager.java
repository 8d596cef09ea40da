package dev.cognitocreds.daemon.session;

import dev.cognitocreds.contract.ErrorCodes;
import dev.cognitocreds.daemon.Failure;
import dev.cognitocreds.daemon.auth.SignInConversations;
import dev.cognitocreds.daemon.auth.SignInStep;
import dev.cognitocreds.daemon.auth.Tokens;
import dev.cognitocreds.daemon.auth.browser.BrowserSignIn;
import dev.cognitocreds.daemon.config.AuthFlow;
import dev.cognitocreds.daemon.config.CognitoProfile;
import dev.cognitocreds.daemon.config.ConfiguredProfile;
import dev.cognitocreds.daemon.config.ProfileCatalog;
import dev.cognitocreds.daemon.config.Profiles;
import dev.cognitocreds.daemon.identity.AwsCredentials;
import dev.cognitocreds.daemon.store.SessionStore;
import dev.cognitocreds.daemon.store.StoredSession;
import dev.cognitocreds.daemon.store.UnreadableSessionException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * All profiles' sessions: sign-in, credentials, sign-out and status. The http layer's only entry.
 */
public final class SessionManager implements Sessions {

  private static final Logger log = LoggerFactory.getLogger(SessionManager.class);

  private final ProfileCatalog catalog;
  private final Optional<String> defaultProfile;
  private final Upstream upstream;
  private final SessionStore store;
  private final SignInConversations conversations;
  private final Clock clock;
  private final RefreshTiming timing;
  private final ScheduledExecutorService background;
  private final ConcurrentMap<String, ProfileSession> sessions = new ConcurrentHashMap<>();
  private final RegistryRouting routing = new RegistryRouting();

  public SessionManager(
      ProfileCatalog catalog,
      Optional<String> defaultProfile,
      Upstream upstream,
      SessionStore store,
      SignInConversations conversations,
      Clock clock,
      RefreshTiming timing,
      ScheduledExecutorService background) {
    this.catalog = catalog;
    this.defaultProfile = defaultProfile;
    this.upstream = upstream;
    this.store = store;
    this.conversations = conversations;
    this.clock = clock;
    this.timing = timing;
    this.background = background;
  }

  @Override
  public String defaultProfile() {
    return lookUp(profiles -> profiles.defaultProfileName(defaultProfile));
  }

  /**
   * What {@code lookup} finds in the profiles; when it finds no such profile or registry, in the
   * file as it is now: {@code cognito-creds configure} followed at once by a request must not be
   * told that what it has just added does not exist.
   */
  private <T> T lookUp(Function<Profiles, T> lookup) {
    try {
      return lookup.apply(catalog.current());
    } catch (Failure miss) {
      if (miss.kind() != Failure.Kind.PROFILE_NOT_FOUND) {
        throw miss;
      }
      return lookup.apply(catalog.lookedAtNow());
    }
  }

  private CognitoProfile profileConfig(String profile) {
    return lookUp(profiles -> profiles.require(profile));
  }

  @Override
  public Optional<AwsCredentials> credentialsWithoutWaiting(String profile) {
    Optional<Profiles> profiles = catalog.currentWithoutWaiting();
    if (profiles.isEmpty()) {
      return Optional.empty();
    }
    String name;
    try {
      name = profile != null ? profile : profiles.get().defaultProfileName(defaultProfile);
      profiles.get().require(name);
    } catch (Failure unusable) {
      return Optional.empty(); // the waiting path says why
    }
    ProfileSession session = sessions.get(name);
    return session == null ? Optional.empty() : session.credentialsWithoutWaiting();
  }

  @Override
  public AwsCredentials credentials(String profile) {
    CognitoProfile config = profileConfig(profile);
    ProfileSession session = session(profile, config);
    if (session == null) {
      throw Failure.signedOut(profile);
    }
    return session.credentials();
  }

  @Override
  public Optional<ServedPassword> registryPasswordWithoutWaiting(
      String serverUrl, Optional<String> callerProfile) {
    Optional<Profiles> profiles = catalog.currentWithoutWaiting();
    if (profiles.isEmpty()) {
      return Optional.empty();
    }
    RegistryRouting.Route route;
    try {
      route = routing.route(profiles.get(), serverUrl, callerProfile);
    } catch (Failure unusable) {
      return Optional.empty(); // the waiting path says why
    }
    ProfileSession session = sessions.get(route.profile());
    return session == null
        ? Optional.empty()
        : session
            .registryPasswordWithoutWaiting(route.registry())
            .map(password -> new ServedPassword(route.registry(), route.profile(), password));
  }

  @Override
  public ServedPassword registryPassword(String serverUrl, Optional<String> callerProfile) {
    RegistryRouting.Route route =
        lookUp(profiles -> routing.route(profiles, serverUrl, callerProfile));
    ProfileSession session = session(route.profile(), route.config());
    if (session == null) {
      throw Failure.signedOut(route.profile());
    }
    return new ServedPassword(
        route.registry(), route.profile(), session.registryPassword(route.registry()));
  }

  /**
   * The access token of a signed-in profile, for the calls Cognito authorises with it
   * (ChangePassword), refreshed when it, not the ID token, is close to expiry.
   */
  public String accessToken(String profile) {
    CognitoProfile config = profileConfig(profile);
    ProfileSession session = session(profile, config);
    if (session == null) {
      throw Failure.signedOut(profile);
    }
    return session.accessToken();
  }

  @Override
  public LoginOutcome login(
      String profile, Optional<AuthFlow> flow, String username, String password) {
    CognitoProfile config = profileConfig(profile);
    AuthFlow chosen = flow.orElse(config.authFlow());
    log.info("profile {}: sign-in of {} with {}", profile, username, chosen);
    return outcome(profile, config, upstream.userPool().start(config, chosen, username, password));
  }

  @Override
  public LoginOutcome answer(String profile, String conversation, Map<String, String> answers) {
    CognitoProfile config = profileConfig(profile);
    SignInConversations.Conversation pending = conversations.find(conversation, profile);
    log.info("profile {}: answering {}", profile, pending.pending().challenge().name());
    SignInStep step;
    try {
      step = upstream.userPool().answer(config, pending.pending(), answers);
    } catch (Failure failure) {
      // a missing field or a password the policy refuses can be answered again in the same session
      if (failure.kind() != Failure.Kind.BAD_REQUEST
          && failure.kind() != Failure.Kind.SIGN_IN_REJECTED) {
        conversations.close(conversation);
      }
      throw failure;
    }
    conversations.close(conversation);
    return outcome(profile, config, step);
  }

  @Override
  public BrowserSignIn.Started startBrowserLogin(String profile, Duration wait) {
    CognitoProfile config = profileConfig(profile);
    if (!config.browser().available()) {
      throw Failure.notConfigured(
          profile,
          "cognito_domain",
          "(the user pool's hosted UI domain) to sign in through the browser",
          "--domain URL",
          ", or sign in with a password");
    }
    BrowserSignIn.Started started = upstream.browser().start(config, wait);
    log.info("profile {}: browser sign-in started, waiting until {}", profile, started.expiresAt());
    return started;
  }

  @Override
  public LoginOutcome finishBrowserLogin(
      String profile, String attempt, String state, String code) {
    CognitoProfile config = profileConfig(profile);
    Tokens tokens = upstream.browser().finish(config, attempt, state, code);
    log.info("profile {}: browser sign-in of {} verified", profile, tokens.claims().username());
    return outcome(profile, config, new SignInStep.SignedIn(tokens));
  }

  /**
   * Revokes the refresh token at Cognito (with {@code everywhere}, every session of the user) and
   * forgets the session either way.
   */
  @Override
  public boolean logout(String profile, boolean everywhere) {
    ConfiguredProfile configured = lookUp(profiles -> profiles.configured(profile));
    ProfileSession session = sessions.remove(profile);
    if (session == null && configured.profile().isPresent()) {
      // not used since the start: its own refresh path (rotation included) serves the sign-out
      session =
          loadOrEmpty(profile)
              .map(stored -> newSession(profile, stored, Optional.empty()))
              .orElse(null);
    }
    boolean revoked = false;
    if (session != null && configured.profile().isPresent()) {
      revoked = revoke(configured.profile().get(), session, everywhere);
    }
    if (session != null) {
      session.close();
    }
    try {
      store.delete(profile);
    } catch (RuntimeException e) {
      throw new Failure(
          Failure.Kind.UPSTREAM_UNAVAILABLE,
          ErrorCodes.STORE_UNAVAILABLE,
          "profile "
              + profile
              + " is signed out in cognito-credsd"
              + (revoked ? " and its refresh token revoked" : "")
              + ", but its stored session cannot be removed ("
              + e.getMessage()
              + "): run `cognito-creds logout --profile "
              + profile
              + "` again once the state folder is writable",
          e);
    }
    log.info(
        "profile {}: signed out{}",
        profile,
        revoked ? "" : " (refresh token not revoked at Cognito)");
    return revoked;
  }

  @Override
  public List<ProfileStatus> status() {
    List<ProfileStatus> all = new ArrayList<>();
    for (ConfiguredProfile configured : catalog.current().all()) {
      all.add(status(configured));
    }
    return all;
  }

  private ProfileStatus status(ConfiguredProfile configured) {
    String name = configured.name();
    if (configured.profile().isEmpty()) {
      return ProfileStatus.invalid(
          name, store.kind(), configured.problems(), configured.warnings());
    }
    ProfileSession session;
    try {
      session = session(name, configured.profile().get());
    } catch (Failure unreadable) {
      return ProfileStatus.signedOut(
          name, store.kind(), Optional.of(unreadable.getMessage()), configured.warnings());
    }
    if (session == null) {
      return ProfileStatus.signedOut(name, store.kind(), Optional.empty(), configured.warnings());
    }
    Optional<String> lastError = session.cache().lastError().map(Throwable::getMessage);
    if (session.isSignedOut()) {
      return ProfileStatus.signedOut(
          name,
          store.kind(),
          Optional.of(Failure.signedOut(name).getMessage()),
          configured.warnings());
    }
    StoredSession stored = session.stored();
    var current = session.cache().current();
    if (session.refusal().isPresent()) {
      lastError = session.refusal().map(Throwable::getMessage);
    }
    return new ProfileStatus(
        name,
        session.refusal().isPresent() ? ProfileStatus.State.REFUSED : ProfileStatus.State.SIGNED_IN,
        Optional.of(stored.username()),
        Optional.ofNullable(stored.sub()),
        stored.identityId(),
        current.map(RefreshAheadCache.Timed::expiresAt),
        current.map(RefreshAheadCache.Timed::prefetchAt),
        lastError,
        store.keptIn(name),
        List.of(),
        configured.warnings());
  }

  private LoginOutcome outcome(String profile, CognitoProfile config, SignInStep step) {
    if (step instanceof SignInStep.ChallengeRequired challenge) {
      SignInConversations.Conversation conversation =
          conversations.open(profile, challenge.pending());
      log.info("profile {}: Cognito asks for {}", profile, challenge.pending().challenge().name());
      return new LoginOutcome.ChallengeAsked(
          profile, conversation.id(), challenge.pending().challenge(), conversation.expiresAt());
    }
    Tokens tokens = ((SignInStep.SignedIn) step).tokens();
    String refreshToken =
        tokens
            .refreshToken()
            .orElseThrow(
                () ->
                    new Failure(
                        Failure.Kind.UPSTREAM_ERROR,
                        ErrorCodes.UPSTREAM_ERROR,
                        "Cognito signed in without a refresh token"));
    StoredSession stored =
        new StoredSession(
            refreshToken,
            tokens.claims().username(),
            tokens.claims().sub(),
            Optional.empty(),
            config.userPoolId(),
            config.clientId());
    try {
      store.save(profile, stored);
    } catch (RuntimeException e) {
      // the previous session (if any) stays, in memory and in the store
      throw new Failure(
          Failure.Kind.UPSTREAM_UNAVAILABLE,
          ErrorCodes.STORE_UNAVAILABLE,
          "profile "
              + profile
              + ": signed in, but the session cannot be kept: "
              + e.getMessage()
              + "; then run `cognito-creds login --profile "
              + profile
              + "` again",
          e);
    }
    ProfileSession session = newSession(profile, stored, Optional.of(tokens));
    ProfileSession replaced = sessions.put(profile, session);
    if (replaced != null) {
      replaced.close();
    }
    log.info("profile {}: SIGNED_IN as {}", profile, stored.username());
    AwsCredentials credentials = session.credentials();
    return new LoginOutcome.SignedIn(
        profile,
        stored.username(),
        session.stored().identityId().orElse(null),
        credentials.expiration());
  }

  private boolean revoke(CognitoProfile config, ProfileSession session, boolean everywhere) {
    // a global sign-out ends this machine's refresh token too; when it fails, still revoke that one
    return (everywhere && signOutEverywhere(config, session))
        || revokeHere(config, session.stored());
  }

  /**
   * GlobalSignOut with the session's access token, refreshed through the session (so a rotated
   * refresh token is stored before its access token is used, and the fallback revokes the newest
   * token).
   */
  private boolean signOutEverywhere(CognitoProfile config, ProfileSession session) {
    try {
      upstream.tokens().signOutEverywhere(config, session.accessToken());
      return true;
    } catch (Failure failure) {
      log.warn(
          "profile {}: could not sign out everywhere: {}", config.name(), failure.getMessage());
      return false;
    }
  }

  private boolean revokeHere(CognitoProfile config, StoredSession stored) {
    try {
      upstream.tokens().revoke(config, stored.refreshToken());
      return true;
    } catch (Failure failure) {
      log.warn(
          "profile {}: could not revoke the refresh token: {}",
          config.name(),
          failure.getMessage());
      return false;
    }
  }

  /**
   * The profile's session, restored from the store when the daemon has not seen it yet; null when
   * signed out.
   */
  private ProfileSession session(String profile, CognitoProfile config) {
    ProfileSession session = sessions.get(profile);
    if (session != null) {
      return session;
    }
    synchronized (sessions) {
      session = sessions.get(profile);
      if (session != null) {
        return session;
      }
      Optional<StoredSession> stored = load(profile).filter(found -> belongsTo(found, config));
      if (stored.isEmpty()) {
        return null;
      }
      session = newSession(profile, stored.get(), Optional.empty());
      ProfileSession signedInMeanwhile = sessions.putIfAbsent(profile, session);
      if (signedInMeanwhile != null) {
        return signedInMeanwhile;
      }
      log.info(
          "profile {}: session of {} restored from the {} store",
          profile,
          stored.get().username(),
          store.kind());
      return session;
    }
  }

  /**
   * The stored session; a damaged one is a sign-out that names the file, a store that does not
   * answer is a failure that says what to do. Other profiles are not affected either way.
   */
  private Optional<StoredSession> load(String profile) {
    try {
      return store.load(profile);
    } catch (UnreadableSessionException e) {
      throw new Failure(
          Failure.Kind.SIGNED_OUT,
          ErrorCodes.SIGNED_OUT,
          "profile "
              + profile
              + " is signed out: "
              + e.getMessage()
              + "; run `cognito-creds login --profile "
              + profile
              + "` to sign in again (that replaces the file)",
          e);
    } catch (UncheckedIOException e) {
      throw new Failure(
          Failure.Kind.UPSTREAM_UNAVAILABLE,
          ErrorCodes.STORE_UNAVAILABLE,
          "profile "
              + profile
              + ": cannot read its session from the "
              + store.kind()
              + " store ("
              + e.getMessage()
              + "): unlock the OS keychain, or run `cognito-creds login --profile "
              + profile
              + "`",
          e);
    }
  }

  /** The stored session for signing out: one that cannot be read is simply forgotten. */
  private Optional<StoredSession> loadOrEmpty(String profile) {
    try {
      return load(profile);
    } catch (Failure unreadable) {
      log.warn("profile {}: {}", profile, unreadable.getMessage());
      return Optional.empty();
    }
  }

  private boolean belongsTo(StoredSession stored, CognitoProfile config) {
    boolean same =
        (stored.userPoolId() == null || stored.userPoolId().equals(config.userPoolId()))
            && (stored.clientId() == null || stored.clientId().equals(config.clientId()));
    if (!same) {
      log.warn(
          "profile {}: stored session is for another user pool or app client; sign in again",
          config.name());
    }
    return same;
  }

  private ProfileSession newSession(String profile, StoredSession stored, Optional<Tokens> tokens) {
    return new ProfileSession(
        profile,
        () -> profileConfig(profile),
        stored,
        tokens,
        upstream,
        store,
        clock,
        timing,
        background);
  }
}
