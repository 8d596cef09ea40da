package dev.cognitocreds.localcognito;

import static dev.cognitocreds.localcognito.TestSeeds.POOL;
import static dev.cognitocreds.localcognito.TestSeeds.PROVIDER;
import static dev.cognitocreds.localcognito.TestSeeds.PUBLIC_CLIENT;
import static dev.cognitocreds.localcognito.TestSeeds.RULES_IDENTITY_POOL;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Many clients at once (the daemon and the e2e tests do this): every call answers, state stays
 * consistent.
 */
class ConcurrencyTest {

  @Test
  void parallelSrpSignInsAndCredentialExchangesAllSucceed() throws Exception {
    try (LocalCognito cognito = LocalCognito.builder().seed(TestSeeds.seed()).start();
        var idp = Sdk.userPools(cognito.endpoint());
        var identity = Sdk.identityPools(cognito.endpoint())) {
      ExecutorService pool = Executors.newFixedThreadPool(8);
      try {
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
          results.add(
              pool.submit(
                  () -> {
                    String idToken =
                        SignIn.srp(
                                idp, POOL, PUBLIC_CLIENT, "alice", "Alice-Passw0rd!", Instant.now())
                            .authenticationResult()
                            .idToken();
                    Map<String, String> logins = Map.of(PROVIDER, idToken);
                    String id =
                        identity
                            .getId(r -> r.identityPoolId(RULES_IDENTITY_POOL).logins(logins))
                            .identityId();
                    identity.getCredentialsForIdentity(r -> r.identityId(id).logins(logins));
                    return id;
                  }));
        }
        Set<String> identities = new HashSet<>();
        for (Future<String> result : results) {
          identities.add(result.get());
        }
        assertThat(identities).as("one identity per user, however many race for it").hasSize(1);
        assertThat(cognito.calls().count("GetCredentialsForIdentity")).isEqualTo(24);
        assertThat(cognito.issuedCredentials()).hasSize(24);
      } finally {
        pool.shutdownNow();
      }
    }
  }
}
