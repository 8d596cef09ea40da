package dev.cognitocreds.daemon.session;

import dev.cognitocreds.daemon.account.UserPoolAccounts;
import dev.cognitocreds.daemon.auth.UserPool;
import dev.cognitocreds.daemon.auth.UserPoolTokens;
import dev.cognitocreds.daemon.identity.IdentityPool;

/** The Cognito services sessions talk to. */
public record Upstream(
    UserPool userPool,
    UserPoolTokens tokens,
    IdentityPool identityPool,
    UserPoolAccounts accounts) {}
