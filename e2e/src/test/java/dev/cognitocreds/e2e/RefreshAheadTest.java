package dev.cognitocreds.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cognitocreds.e2e.harness.DemoPool;
import dev.cognitocreds.e2e.harness.LocalCognitoInstallation;
import dev.cognitocreds.localcognito.LocalCognito;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Credentials that live a few seconds, under constant load from several callers: the daemon renews them
 * ahead of expiry, by one upstream exchange per renewal, and never serves expired ones.
 */
class RefreshAheadTest {

    private static final String PROFILE = "acme";
    private static final Duration LIFETIME = Duration.ofSeconds(6);
    private static final int LIFETIMES_OBSERVED = 4;
    private static final int CALLERS = 4;

    private static LocalCognitoInstallation fixture;

    /** One answer of the credential route, as a caller saw it. */
    private record Observation(Instant receivedAt, String accessKeyId, Instant expiration) {
    }

    @BeforeAll
    static void start() {
        fixture = LocalCognitoInstallation.start("refresh-ahead",
                LocalCognito.builder().port(0).demo().credentialLifetime(LIFETIME).start(),
                endpoint -> DemoPool.profile(PROFILE, endpoint).toIni());
        fixture.signInDemoUser(PROFILE);
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void newCredentialsArriveBeforeTheOldOnesExpireWithOneExchangeEach() throws Exception {
        fixture.cognito().calls().reset();
        Instant until = Instant.now().plus(LIFETIME.multipliedBy(LIFETIMES_OBSERVED));

        List<Observation> observations = observeUnderLoad(until);

        assertThat(observations).allSatisfy(seen -> assertThat(seen.expiration())
                .as("served %s after it expired", seen.accessKeyId()).isAfter(seen.receivedAt()));
        Map<String, Instant> firstSeen = new LinkedHashMap<>();
        Map<String, Instant> expirationOf = new LinkedHashMap<>();
        observations.stream().sorted((a, b) -> a.receivedAt().compareTo(b.receivedAt())).forEach(seen -> {
            firstSeen.putIfAbsent(seen.accessKeyId(), seen.receivedAt());
            expirationOf.putIfAbsent(seen.accessKeyId(), seen.expiration());
        });
        List<String> keys = new ArrayList<>(firstSeen.keySet());
        assertThat(keys).as("renewed across %d lifetimes", LIFETIMES_OBSERVED).hasSizeGreaterThanOrEqualTo(LIFETIMES_OBSERVED);
        for (int i = 1; i < keys.size(); i++) {
            assertThat(firstSeen.get(keys.get(i)))
                    .as("%s replaced %s before it expired", keys.get(i), keys.get(i - 1))
                    .isBefore(expirationOf.get(keys.get(i - 1)));
        }
        long exchanges = fixture.cognito().calls().count("GetCredentialsForIdentity");
        // Renewal starts at about half the lifetime: two exchanges per lifetime, however many callers ask.
        assertThat(exchanges).isBetween((long) keys.size() - 1, 3L * LIFETIMES_OBSERVED);
        assertThat(fixture.cognito().calls().count("InitiateAuth")).as("the one-hour ID token needs no refresh").isZero();
        assertThat(fixture.cognito().calls().count("GetId")).isZero();
    }

    private static List<Observation> observeUnderLoad(Instant until) throws Exception {
        List<Observation> observations = Collections.synchronizedList(new ArrayList<>());
        ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < CALLERS; i++) {
                running.add(callers.submit(() -> {
                    while (Instant.now().isBefore(until)) {
                        observations.add(fetch());
                        Thread.sleep(100);
                    }
                    return null;
                }));
            }
            for (Future<?> caller : running) {
                caller.get();
            }
        } finally {
            callers.shutdownNow();
        }
        return observations;
    }

    private static Observation fetch() {
        Response response = fixture.daemon().request().get("/v1/profiles/{p}/credentials", PROFILE);
        Instant receivedAt = Instant.now();
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        JsonPath body = response.jsonPath();
        return new Observation(receivedAt, body.getString("AccessKeyId"), Instant.parse(body.getString("Expiration")));
    }
}
