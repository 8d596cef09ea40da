package dev.cognitocreds.daemon.session;

import dev.cognitocreds.daemon.Failure;
import dev.cognitocreds.daemon.auth.Tokens;
import dev.cognitocreds.daemon.auth.UserPool;
import dev.cognitocreds.daemon.config.CognitoProfile;
import dev.cognitocreds.daemon.identity.AwsCredentials;
import dev.cognitocreds.daemon.identity.IdentityPool;
import dev.cognitocreds.daemon.identity.UnknownIdentityException;
import dev.cognitocreds.daemon.store.SessionStore;
import dev.cognitocreds.daemon.store.StoredSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

/**
 * One signed-in profile: its refresh token (via the store), its ID token in memory, and its AWS
 * credentials renewed ahead of expiry. The ID token is refreshed only when a credential exchange
 * needs it and it is close to expiry.
 */
final class ProfileSession {

    private static final Logger log = LoggerFactory.getLogger(ProfileSession.class);
    private static final Duration MAX_ID_TOKEN_MARGIN = Duration.ofMinutes(5);

    private final String profile;
    private final Supplier<CognitoProfile> config;
    private final UserPool userPool;
    private final IdentityPool identityPool;
    private final SessionStore store;
    private final Clock clock;
    private final RefreshTiming timing;
    private final RefreshAheadCache<AwsCredentials> credentials;

    private volatile StoredSession stored;
    private volatile Failure signedOut;
    // only touched by the cache's single upstream call
    private Tokens tokens;

    ProfileSession(String profile, Supplier<CognitoProfile> config, StoredSession stored, Optional<Tokens> tokens,
                   Upstream upstream, SessionStore store, Clock clock, RefreshTiming timing,
                   ScheduledExecutorService background) {
        this.profile = profile;
        this.config = config;
        this.stored = stored;
        this.tokens = tokens.orElse(null);
        this.userPool = upstream.userPool();
        this.identityPool = upstream.identityPool();
        this.store = store;
        this.clock = clock;
        this.timing = timing;
        this.credentials = new RefreshAheadCache<>("profile " + profile, this::fetch, clock, timing, background);
    }

    AwsCredentials credentials() {
        Failure out = signedOut;
        if (out != null) {
            throw out;
        }
        return credentials.get();
    }

    StoredSession stored() {
        return stored;
    }

    boolean isSignedOut() {
        return signedOut != null;
    }

    RefreshAheadCache<AwsCredentials> cache() {
        return credentials;
    }

    /** A valid access token, for calls made on the user's behalf (global sign-out). */
    synchronized String accessToken() {
        return idTokens(config.get()).accessToken();
    }

    void close() {
        credentials.close();
    }

    private RefreshAheadCache.Timed<AwsCredentials> fetch() {
        Failure out = signedOut;
        if (out != null) {
            throw out;
        }
        CognitoProfile current = config.get();
        Tokens valid = idTokens(current);
        StoredSession session = stored;
        String identityId = session.identityId().orElseGet(() -> rememberIdentity(current, valid.idToken()));
        AwsCredentials fresh;
        try {
            fresh = identityPool.credentials(current, identityId, valid.idToken());
        } catch (UnknownIdentityException e) {
            log.warn("profile {}: identity {} no longer exists, asking for a new one", profile, identityId);
            fresh = identityPool.credentials(current, rememberIdentity(current, valid.idToken()), valid.idToken());
        }
        RefreshAheadCache.Timed<AwsCredentials> timed = timing.timed(fresh, clock.instant(), fresh.expiration());
        log.info("profile {}: new AWS credentials, valid until {}, next refresh at {}", profile, fresh.expiration(),
                timed.prefetchAt());
        return timed;
    }

    private synchronized Tokens idTokens(CognitoProfile current) {
        Tokens known = tokens;
        if (known != null) {
            Duration lifetime = known.claims().lifetime();
            Duration margin = lifetime.dividedBy(5).compareTo(MAX_ID_TOKEN_MARGIN) < 0
                    ? lifetime.dividedBy(5) : MAX_ID_TOKEN_MARGIN;
            if (clock.instant().plus(margin).isBefore(known.claims().expiresAt())) {
                return known;
            }
        }
        StoredSession session = stored;
        Tokens fresh;
        try {
            fresh = userPool.refresh(current, session.refreshToken(), session.username());
        } catch (Failure failure) {
            if (failure.kind() == Failure.Kind.SIGNED_OUT) {
                signOut(failure);
            }
            throw failure;
        }
        tokens = fresh;
        if (fresh.refreshToken().isPresent() && !fresh.refreshToken().get().equals(session.refreshToken())) {
            // rotation enabled on the app client: the old token stops working soon
            save(session.withRefreshToken(fresh.refreshToken().get()));
        }
        log.info("profile {}: ID token refreshed, valid until {}", profile, fresh.claims().expiresAt());
        return fresh;
    }

    private String rememberIdentity(CognitoProfile current, String idToken) {
        String identityId = identityPool.identityId(current, idToken);
        save(stored.withIdentityId(identityId));
        log.info("profile {}: identity id {}", profile, identityId);
        return identityId;
    }

    private void save(StoredSession session) {
        stored = session;
        store.save(profile, session);
    }

    private void signOut(Failure cause) {
        signedOut = Failure.signedOut(profile);
        store.delete(profile);
        credentials.close();
        log.warn("profile {}: SIGNED_IN -> SIGNED_OUT: Cognito rejected the refresh token ({})", profile,
                cause.getCause() != null ? cause.getCause().getClass().getSimpleName() : cause.code());
    }
}
