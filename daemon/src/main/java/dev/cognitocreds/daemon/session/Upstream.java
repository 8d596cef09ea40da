package dev.cognitocreds.daemon.session;

import dev.cognitocreds.daemon.account.UserPoolAccounts;
import dev.cognitocreds.daemon.auth.UserPool;
import dev.cognitocreds.daemon.auth.UserPoolTokens;
import dev.cognitocreds.daemon.identity.IdentityPool;
import dev.cognitocreds.daemon.registry.RegistryAuthority;

/** The Cognito services sessions talk to, and ECR for registry passwords. */
public record Upstream(
    UserPool userPool,
    UserPoolTokens tokens,
    IdentityPool identityPool,
    UserPoolAccounts accounts,
    RegistryAuthority registries) {

  /** Without ECR: registry passwords are refused. */
  public Upstream(
      UserPool userPool,
      UserPoolTokens tokens,
      IdentityPool identityPool,
      UserPoolAccounts accounts) {
    this(userPool, tokens, identityPool, accounts, RegistryAuthority.NONE);
  }
}
