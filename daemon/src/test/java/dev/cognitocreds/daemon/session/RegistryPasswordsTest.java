package dev.cognitocreds.daemon.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cognitocreds.daemon.Failure;
import dev.cognitocreds.daemon.FakeCognito;
import dev.cognitocreds.daemon.MutableClock;
import dev.cognitocreds.daemon.account.UserPoolAccounts;
import dev.cognitocreds.daemon.auth.SignInConversations;
import dev.cognitocreds.daemon.auth.UserPool;
import dev.cognitocreds.daemon.auth.UserPoolTokens;
import dev.cognitocreds.daemon.config.CognitoProfile;
import dev.cognitocreds.daemon.config.ProfileCatalog;
import dev.cognitocreds.daemon.identity.AwsCredentials;
import dev.cognitocreds.daemon.identity.IdentityPool;
import dev.cognitocreds.daemon.registry.RegistryAuthority;
import dev.cognitocreds.daemon.registry.RegistryHost;
import dev.cognitocreds.daemon.registry.RegistryPassword;
import dev.cognitocreds.daemon.store.FileSessionStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Registry passwords through the session layer: which profile serves a registry, one ECR call per
 * password lifetime however many pulls, renewal ahead, and nothing kept across a sign-out.
 */
class RegistryPasswordsTest {

  private static final String ECR = "111122223333.dkr.ecr.us-east-2.amazonaws.com";
  private static final Duration PASSWORD_LIFETIME = Duration.ofHours(12);

  @TempDir Path dir;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-30T07:00:00Z"));
  private final FakeCognito cognito = new FakeCognito(clock);
  private final ScheduledExecutorService background = Executors.newScheduledThreadPool(1);
  private final FakeEcr ecr = new FakeEcr();
  private Path config;
  private SessionManager sessions;

  /** Counts calls and records what each was signed with; a test may make it slow or refuse. */
  private final class FakeEcr implements RegistryAuthority {
    final AtomicInteger calls = new AtomicInteger();
    final List<String> signedWith = new CopyOnWriteArrayList<>();
    final List<String> regions = new CopyOnWriteArrayList<>();
    volatile CountDownLatch gate = new CountDownLatch(0);
    volatile Failure refusal;

    @Override
    public RegistryPassword password(
        CognitoProfile profile, AwsCredentials credentials, RegistryHost registry) {
      int n = calls.incrementAndGet();
      try {
        gate.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (refusal != null) {
        throw refusal;
      }
      signedWith.add(credentials.accessKeyId());
      regions.add(registry.region().orElse(profile.region()));
      return new RegistryPassword("AWS", "password-" + n, clock.instant().plus(PASSWORD_LIFETIME));
    }
  }

  @BeforeEach
  void start() throws Exception {
    config = dir.resolve("config");
    Files.writeString(
        config,
        """
                [profile acme]
                region = us-east-2
                cognito_user_pool_id = us-east-2_AbC123
                cognito_client_id = client0id0000000000000000a
                cognito_client_secret = s3cr3t
                cognito_identity_pool_id = us-east-2:070eee28-81b9-4878-b500-b9be89facf50
                cognito_auth_flow = USER_PASSWORD_AUTH
                cognito_registries = %s, public.ecr.aws 127.0.0.1:5000

                [profile other]
                region = eu-west-1
                cognito_user_pool_id = us-east-2_AbC123
                cognito_client_id = client0id0000000000000000a
                cognito_client_secret = s3cr3t
                cognito_identity_pool_id = us-east-2:070eee28-81b9-4878-b500-b9be89facf50
                cognito_auth_flow = USER_PASSWORD_AUTH
                """
            .formatted(ECR));
    SecureRandom random = new SecureRandom();
    sessions =
        new SessionManager(
            // the daemon's own: the file is looked at once a second
            new ProfileCatalog(config, clock, Duration.ofSeconds(1)),
            Optional.empty(),
            new Upstream(
                new UserPool(profile -> cognito.userPool, clock, random),
                new UserPoolTokens(profile -> cognito.userPool),
                new IdentityPool(profile -> cognito.identityPool, clock),
                new UserPoolAccounts(profile -> cognito.userPool),
                ecr),
            new FileSessionStore(dir.resolve("sessions")),
            new SignInConversations(clock, Duration.ofMinutes(3), random),
            clock,
            new RefreshTiming(() -> 0.0),
            background);
  }

  @AfterEach
  void stop() {
    background.shutdownNow();
  }

  private void signIn(String profile) {
    sessions.login(profile, Optional.empty(), "alice", FakeCognito.PASSWORD);
  }

  @Test
  void everyFormAClientSendsGetsThePasswordOfOneEcrCall() {
    signIn("acme");

    List<String> forms =
        List.of(
            ECR,
            ECR.toUpperCase(),
            "https://" + ECR + "/v2/",
            ECR + ":443",
            ECR + "/acme/app",
            "https://" + ECR);
    for (String form : forms) {
      ServedPassword served = sessions.registryPassword(form, Optional.empty());
      assertThat(served.profile()).isEqualTo("acme");
      assertThat(served.registry().host()).isEqualTo(ECR);
      assertThat(served.password().secret()).isEqualTo("password-1");
    }
    assertThat(ecr.calls).hasValue(1);
    assertThat(ecr.regions).containsExactly("us-east-2");
    assertThat(ecr.signedWith)
        .as("signed with the profile's current credentials")
        .containsExactly(sessions.credentials("acme").accessKeyId());
  }

  @Test
  void manyPullsAtOnceWaitForOneEcrCall() throws Exception {
    signIn("acme");
    ecr.gate = new CountDownLatch(1);
    ExecutorService pulls = Executors.newFixedThreadPool(8);
    try {
      List<Future<ServedPassword>> answers = new CopyOnWriteArrayList<>();
      for (int i = 0; i < 8; i++) {
        answers.add(pulls.submit(() -> sessions.registryPassword(ECR, Optional.empty())));
      }
      Thread.sleep(200); // let them all reach the cache before ECR answers
      ecr.gate.countDown();
      for (Future<ServedPassword> answer : answers) {
        assertThat(answer.get(10, TimeUnit.SECONDS).password().secret()).isEqualTo("password-1");
      }
    } finally {
      pulls.shutdownNow();
    }
    assertThat(ecr.calls).hasValue(1);
  }

  @Test
  void thePasswordIsKeptUntilShortlyBeforeItExpiresAndRenewedAhead() {
    signIn("acme");
    sessions.registryPassword(ECR, Optional.empty());

    clock.advance(PASSWORD_LIFETIME.minus(Duration.ofMinutes(21)));
    assertThat(sessions.registryPassword(ECR, Optional.empty()).password().secret())
        .isEqualTo("password-1");
    assertThat(ecr.calls).hasValue(1);

    clock.advance(Duration.ofMinutes(2)); // 19 minutes left: inside the prefetch window
    assertThat(sessions.registryPassword(ECR, Optional.empty()).password().secret())
        .as("the cached one is served while the renewal runs")
        .isEqualTo("password-1");
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                "password-2"
                    .equals(sessions.registryPassword(ECR, Optional.empty()).password().secret()));
    assertThat(ecr.calls).hasValue(2);
  }

  @Test
  void eachRegistryHasItsOwnPasswordAndPublicEcrAsksUsEast1() {
    signIn("acme");

    sessions.registryPassword(ECR, Optional.empty());
    sessions.registryPassword("public.ecr.aws", Optional.empty());
    sessions.registryPassword("127.0.0.1:5000", Optional.empty());

    assertThat(ecr.calls).hasValue(3);
    assertThat(ecr.regions).containsExactly("us-east-2", "us-east-1", "us-east-2");
  }

  @Test
  void logoutDropsThePasswordAndAFreshSignInAsksEcrAgain() {
    signIn("acme");
    sessions.registryPassword(ECR, Optional.empty());

    sessions.logout("acme", false);
    assertThatThrownBy(() -> sessions.registryPassword(ECR, Optional.empty()))
        .isInstanceOfSatisfying(
            Failure.class, f -> assertThat(f.kind()).isEqualTo(Failure.Kind.SIGNED_OUT))
        .hasMessageContaining("cognito-creds login --profile acme");

    signIn("acme");
    assertThat(sessions.registryPassword(ECR, Optional.empty()).password().secret())
        .isEqualTo("password-2");
    assertThat(ecr.calls).hasValue(2);
  }

  @Test
  void aRegistryNoProfileNamesIsServedByTheCallersAwsProfileWhenItIsOurs() {
    signIn("other");
    String elsewhere = "444455556666.dkr.ecr.eu-west-1.amazonaws.com";

    assertThat(sessions.registryPassword(elsewhere, Optional.of("other")).profile())
        .isEqualTo("other");
    assertThatThrownBy(() -> sessions.registryPassword(ECR, Optional.of("other")))
        .as("cognito_registries wins over AWS_PROFILE")
        .hasMessageContaining("profile acme is signed out");
  }

  @Test
  void aPasswordIsAtHandOnlyWhileItNeedsNoRenewalAndTheSessionMayHaveIt() {
    assertThat(sessions.registryPasswordWithoutWaiting(ECR, Optional.empty()))
        .as("signed out")
        .isEmpty();
    signIn("acme");
    assertThat(sessions.registryPasswordWithoutWaiting(ECR, Optional.empty()))
        .as("never fetched")
        .isEmpty();
    String fetched = sessions.registryPassword(ECR, Optional.empty()).password().secret();

    assertThat(sessions.registryPasswordWithoutWaiting("https://" + ECR + "/v2/", Optional.empty()))
        .hasValueSatisfying(
            served -> {
              assertThat(served.password().secret()).isEqualTo(fetched);
              assertThat(served.profile()).isEqualTo("acme");
              assertThat(served.registry().host()).isEqualTo(ECR);
            });
    assertThat(sessions.registryPasswordWithoutWaiting("docker.io", Optional.empty())).isEmpty();
    assertThat(
            sessions.registryPasswordWithoutWaiting(
                "444455556666.dkr.ecr.eu-west-1.amazonaws.com", Optional.empty()))
        .as("no profile names it")
        .isEmpty();

    clock.advance(PASSWORD_LIFETIME.minusMinutes(1));
    assertThat(sessions.registryPasswordWithoutWaiting(ECR, Optional.empty()))
        .as("renewal due")
        .isEmpty();
    String renewed = sessions.registryPassword(ECR, Optional.empty()).password().secret();
    assertThat(sessions.registryPasswordWithoutWaiting(ECR, Optional.empty()))
        .map(served -> served.password().secret())
        .hasValue(renewed);

    sessions.logout("acme", false);
    assertThat(sessions.registryPasswordWithoutWaiting(ECR, Optional.empty()))
        .as("after a sign-out")
        .isEmpty();
    assertThat(ecr.calls).hasValue(2);
  }

  @Test
  void aRegistryAddedToAProfileIsServedAtOnceNotASecondLater() throws Exception {
    signIn("acme");
    String added = "444455556666.dkr.ecr.eu-west-1.amazonaws.com";
    assertThatThrownBy(() -> sessions.registryPassword(added, Optional.empty()))
        .hasMessageContaining("cognito-creds configure docker --registry " + added);

    // what `cognito-creds configure docker --registry` does, with the clock standing still
    Files.writeString(
        config, Files.readString(config).replace("127.0.0.1:5000", "127.0.0.1:5000 " + added));
    Files.setLastModifiedTime(config, FileTime.from(Instant.now().plusSeconds(5)));

    assertThat(sessions.registryPassword(added, Optional.empty()).profile()).isEqualTo("acme");
  }

  @Test
  void aRegistryNoProfileNamesSaysWhichCommandFixesIt() {
    String elsewhere = "444455556666.dkr.ecr.eu-west-1.amazonaws.com";

    assertThatThrownBy(() -> sessions.registryPassword(elsewhere, Optional.empty()))
        .isInstanceOfSatisfying(
            Failure.class, f -> assertThat(f.code()).isEqualTo("RegistryNotConfigured"))
        .hasMessageContaining(
            "cognito-creds configure docker --registry " + elsewhere + " --profile PROFILE");
    assertThatThrownBy(() -> sessions.registryPassword(elsewhere, Optional.of("someone-else")))
        .hasMessageContaining("AWS_PROFILE=someone-else is not a cognito profile");
    assertThatThrownBy(() -> sessions.registryPassword("docker.io", Optional.empty()))
        .isInstanceOfSatisfying(
            Failure.class, f -> assertThat(f.code()).isEqualTo("RegistryUnknown"))
        .hasMessageContaining("'docker.io' is not an ECR registry");
    assertThat(ecr.calls).hasValue(0);
  }

  @Test
  void aSignedOutProfileSaysToLogIn() {
    assertThatThrownBy(() -> sessions.registryPassword(ECR, Optional.empty()))
        .hasMessage("profile acme is signed out: run `cognito-creds login --profile acme`");
  }

  @Test
  void aRefusedProfileStopsItsCachedPasswordAtOnceAndAsksEcrAgainWhenGrantedAgain() {
    // no wake-ups: only requests make the daemon ask
    background.shutdownNow();
    signIn("acme");
    assertThat(sessions.registryPassword(ECR, Optional.empty()).password().secret())
        .isEqualTo("password-1");
    cognito.refuseCredentials = true;
    clock.advance(Duration.ofMinutes(45)); // the credentials are renewed, the password is not
    try {
      sessions.credentials("acme"); // starts the renewal that finds the refusal
    } catch (Failure refusedAlready) {
      // the renewal was quicker than the request
    }
    org.awaitility.Awaitility.await()
        .until(() -> sessions.status().get(0).state() == ProfileStatus.State.REFUSED);

    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(() -> sessions.registryPassword(ECR, Optional.empty()))
          .as("the cached password is not served")
          .isInstanceOfSatisfying(
              Failure.class, f -> assertThat(f.code()).isEqualTo("CredentialsRefused"))
          .hasMessage(
              "the publisher's identity pool refused credentials for profile acme (licence"
                  + " revoked or no matching rule); contact the publisher");
    }

    cognito.refuseCredentials = false;
    clock.advance(ProfileSession.REFUSED_RETRY_INTERVAL);
    assertThat(sessions.registryPassword(ECR, Optional.empty()).password().secret())
        .as("granted again: the first request gets a password obtained with the new credentials")
        .isEqualTo("password-2");
    assertThat(ecr.signedWith.get(1)).isEqualTo(sessions.credentials("acme").accessKeyId());
    assertThat(ecr.calls).hasValue(2);
  }

  @Test
  void anEcrRefusalNamesTheRegistryAndIsNotCached() {
    signIn("acme");
    ecr.refusal =
        new Failure(Failure.Kind.REGISTRY_REFUSED, "RegistryRefused", "ECR refused " + ECR);

    assertThatThrownBy(() -> sessions.registryPassword(ECR, Optional.empty()))
        .hasMessageContaining("ECR refused " + ECR);

    ecr.refusal = null;
    clock.advance(Duration.ofMinutes(2)); // past the back-off
    assertThat(sessions.registryPassword(ECR, Optional.empty()).password().secret())
        .isEqualTo("password-2");
  }
}
