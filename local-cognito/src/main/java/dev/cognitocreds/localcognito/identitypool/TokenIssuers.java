package dev.cognitocreds.localcognito.identitypool;

import com.nimbusds.jose.jwk.RSAKey;
import java.util.Optional;

/** What the identity pool asks the user pools about an ID token it was given. */
public interface TokenIssuers {
  /** The key that signs tokens with this {@code iss}. */
  Optional<RSAKey> publicKey(String issuer);

  /**
   * For ServerSideTokenCheck: false once the sign-in was revoked or the user was disabled or
   * removed.
   */
  boolean stillSignedIn(String issuer, String originJti, String username);
}
