package dev.cognitocreds.daemon.http;

import dev.cognitocreds.daemon.identity.AwsCredentials;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The two credential documents, rendered once per credentials object and then served as the same
 * bytes, so the hot routes do no JSON work.
 */
final class CredentialDocuments {

    /**
     * A session makes its callers wait for Cognito only from its stale time on, which is never earlier
     * than this before expiry (docs/protocol.md: stale at {@code expiration - min(60 s, L/10)}).
     */
    private static final Duration STALE_MARGIN = Duration.ofSeconds(60);

    /** {@code freshUntilMillis}: until then, asking the session for these credentials does not wait. */
    record Rendered(AwsCredentials source, byte[] container, byte[] process, long freshUntilMillis) {
    }

    private final ConcurrentMap<String, Rendered> byProfile = new ConcurrentHashMap<>();

    Rendered of(String profile, AwsCredentials credentials) {
        Rendered rendered = byProfile.get(profile);
        if (rendered != null && rendered.source() == credentials) {
            return rendered;
        }
        rendered = new Rendered(credentials, Json.bytes(container(credentials)), Json.bytes(process(credentials)),
                credentials.expiration().minus(STALE_MARGIN).toEpochMilli());
        byProfile.put(profile, rendered);
        return rendered;
    }

    /**
     * True when the profile's credentials were served before and are still far from expiry, so that
     * asking its session again answers from memory without waiting for Cognito.
     */
    boolean servedFresh(String profile, long nowMillis) {
        Rendered rendered = byProfile.get(profile);
        return rendered != null && nowMillis < rendered.freshUntilMillis();
    }

    /** The container-credentials format ({@code AWS_CONTAINER_CREDENTIALS_FULL_URI}). */
    private static Map<String, Object> container(AwsCredentials credentials) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("AccessKeyId", credentials.accessKeyId());
        body.put("SecretAccessKey", credentials.secretAccessKey());
        body.put("Token", credentials.sessionToken());
        body.put("Expiration", Json.time(credentials.expiration()));
        credentials.accountId().ifPresent(account -> body.put("AccountId", account));
        return body;
    }

    /** The credential_process format, Version 1. */
    private static Map<String, Object> process(AwsCredentials credentials) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("Version", 1);
        body.put("AccessKeyId", credentials.accessKeyId());
        body.put("SecretAccessKey", credentials.secretAccessKey());
        body.put("SessionToken", credentials.sessionToken());
        body.put("Expiration", Json.time(credentials.expiration()));
        return body;
    }
}
