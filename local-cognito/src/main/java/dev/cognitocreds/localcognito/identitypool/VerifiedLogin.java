package dev.cognitocreds.localcognito.identitypool;

import com.nimbusds.jwt.JWTClaimsSet;

/** A login token that passed validation: its provider, and its claims. */
record VerifiedLogin(String providerName, JWTClaimsSet claims) {
  String key() {
    return providerName + "|" + claims.getSubject();
  }

  String audience() {
    return claims.getAudience().isEmpty() ? "" : claims.getAudience().get(0);
  }
}
