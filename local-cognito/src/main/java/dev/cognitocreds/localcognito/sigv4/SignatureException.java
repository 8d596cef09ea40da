package dev.cognitocreds.localcognito.sigv4;

/**
 * A request whose signature AWS would refuse, with the error code and message AWS answers (HTTP
 * 403).
 */
public final class SignatureException extends RuntimeException {
  private final String type;

  SignatureException(String type, String message) {
    super(message);
    this.type = type;
  }

  /** The {@code __type}: InvalidSignatureException, UnrecognizedClientException, … */
  public String type() {
    return type;
  }

  static SignatureException missing() {
    return new SignatureException(
        "MissingAuthenticationTokenException", "Missing Authentication Token");
  }

  static SignatureException incomplete(String message) {
    return new SignatureException("IncompleteSignatureException", message);
  }

  static SignatureException invalid(String message) {
    return new SignatureException("InvalidSignatureException", message);
  }

  static SignatureException unrecognized() {
    return new SignatureException(
        "UnrecognizedClientException", "The security token included in the request is invalid.");
  }

  static SignatureException expired() {
    return new SignatureException(
        "ExpiredTokenException", "The security token included in the request is expired");
  }
}
