package dev.cognitocreds.daemon.session;

import dev.cognitocreds.daemon.account.UserPoolAccounts;
import dev.cognitocreds.daemon.auth.UserPool;
import dev.cognitocreds.daemon.auth.UserPoolTokens;
import dev.cognitocreds.daemon.auth.browser.BrowserSignIn;
import dev.cognitocreds.daemon.identity.IdentityPool;
import dev.cognitocreds.daemon.registry.RegistryAuthority;
import java.security.SecureRandom;
import java.time.Clock;

/**
 * The Cognito services sessions talk to, ECR for registry passwords, and the sign-in providers of
 * browser sign-ins.
 */
public record Upstream(
    UserPool userPool,
    UserPoolTokens tokens,
    IdentityPool identityPool,
    UserPoolAccounts accounts,
    RegistryAuthority registries,
    BrowserSignIn browser) {

  /** Without a browser sign-in of its own (one on the system clock). */
  public Upstream(
      UserPool userPool,
      UserPoolTokens tokens,
      IdentityPool identityPool,
      UserPoolAccounts accounts,
      RegistryAuthority registries) {
    this(
        userPool,
        tokens,
        identityPool,
        accounts,
        registries,
        new BrowserSignIn(Clock.systemUTC(), new SecureRandom()));
  }

  /** Without ECR: registry passwords are refused. */
  public Upstream(
      UserPool userPool,
      UserPoolTokens tokens,
      IdentityPool identityPool,
      UserPoolAccounts accounts) {
    this(userPool, tokens, identityPool, accounts, RegistryAuthority.NONE);
  }
}
