package dev.cognitocreds.daemon.session;

import dev.cognitocreds.contract.ErrorCodes;
import dev.cognitocreds.daemon.Failure;
import dev.cognitocreds.daemon.auth.Tokens;
import dev.cognitocreds.daemon.auth.UserPoolTokens;
import dev.cognitocreds.daemon.config.CognitoProfile;
import dev.cognitocreds.daemon.identity.AwsCredentials;
import dev.cognitocreds.daemon.identity.IdTokenRejectedException;
import dev.cognitocreds.daemon.identity.IdentityPool;
import dev.cognitocreds.daemon.identity.UnknownIdentityException;
import dev.cognitocreds.daemon.registry.RegistryAuthority;
import dev.cognitocreds.daemon.registry.RegistryHost;
import dev.cognitocreds.daemon.registry.RegistryPassword;
import dev.cognitocreds.daemon.store.SessionStore;
import dev.cognitocreds.daemon.store.StoredSession;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One signed-in profile: its refresh token (via the store), its ID and access tokens in memory, and
 * its AWS credentials renewed ahead of expiry. The tokens are refreshed only when a caller needs
 * one of them and that one is close to its own expiry (a pool's access tokens may end long before
 * its ID tokens); every refresh goes through {@link #refreshed}, which stores a rotated refresh
 * token first.
 */
final class ProfileSession {

  private static final Logger log = LoggerFactory.getLogger(ProfileSession.class);
  private static final Duration MAX_TOKEN_MARGIN = Duration.ofMinutes(5);

  /**
   * While the profile is REFUSED, a request asks the identity pool again (and waits for the answer)
   * when no request has made it ask for this long: a licence granted again is then noticed by the
   * request itself, while a refused user's loop costs Cognito at most one retry per interval.
   */
  static final Duration REFUSED_RETRY_INTERVAL = Duration.ofSeconds(10);

  private final String profile;
  private final Supplier<CognitoProfile> config;
  private final UserPoolTokens userPoolTokens;
  private final IdentityPool identityPool;
  private final SessionStore store;
  private final Clock clock;
  private final RefreshTiming timing;
  private final RefreshAheadCache<AwsCredentials> credentials;
  private final RegistryAuthority registryAuthority;
  private final ScheduledExecutorService background;
  private final ConcurrentMap<String, RefreshAheadCache<IssuedPassword>> registryPasswords =
      new ConcurrentHashMap<>();

  /** A registry password and the identity whose credentials obtained it. */
  private record IssuedPassword(RegistryPassword password, Optional<String> identityId) {}

  private volatile StoredSession stored;
  private volatile Failure signedOut;
  private volatile Failure refused;

  /**
   * When a request last made the identity pool be asked again while REFUSED. Guarded by its own
   * lock, never by this, which a token refresh holds for as long as Cognito takes.
   */
  private final Object refusalRetryLock = new Object();

  private Instant refusalRetriedAt = Instant.MIN;
  // guarded by this
  private Tokens tokens;

  /**
   * When {@link #tokens} were asked for, on this machine's clock: their remaining life is counted
   * from here with the lifetime Cognito gave them, so a machine whose clock is minutes off neither
   * refreshes fresh tokens on every use nor uses expired ones. Guarded by this.
   */
  private Instant tokensReceivedAt;

  ProfileSession(
      String profile,
      Supplier<CognitoProfile> config,
      StoredSession stored,
      Optional<Tokens> tokens,
      Upstream upstream,
      SessionStore store,
      Clock clock,
      RefreshTiming timing,
      ScheduledExecutorService background) {
    this.profile = profile;
    this.config = config;
    this.stored = stored;
    this.tokens = tokens.orElse(null);
    this.tokensReceivedAt = clock.instant();
    this.userPoolTokens = upstream.tokens();
    this.identityPool = upstream.identityPool();
    this.store = store;
    this.clock = clock;
    this.timing = timing;
    this.credentials =
        new RefreshAheadCache<>("profile " + profile, this::fetch, clock, timing, background);
    this.registryAuthority = upstream.registries();
    this.background = background;
  }

  /**
   * The registry's password from memory until shortly before it expires, renewed ahead by one ECR
   * call however many pulls wait. A password another identity obtained (the identity pool gave this
   * session a new identity) is dropped, never served.
   */
  RegistryPassword registryPassword(RegistryHost registry) {
    throwIfSignedOut();
    retryIfRefused();
    RefreshAheadCache<IssuedPassword> cache =
        registryPasswords.computeIfAbsent(registry.host(), host -> registryCache(registry));
    IssuedPassword issued = cache.get();
    if (issuedToAnotherIdentity(issued)) {
      log.info("profile {}: new identity, dropping the password of registry {}", profile, registry);
      cache.close();
      registryPasswords.remove(registry.host(), cache);
      RefreshAheadCache<IssuedPassword> fresh =
          registryPasswords.computeIfAbsent(registry.host(), host -> registryCache(registry));
      issued = fresh.get();
    }
    throwIfSignedOut();
    // a password from before a refusal found while it was being fetched is not served either
    throwIfRefused();
    return issued.password();
  }

  /**
   * The registry's password when it is in memory and needs no renewal yet, issued to this session's
   * identity; see {@link Sessions#registryPasswordWithoutWaiting}.
   */
  Optional<RegistryPassword> registryPasswordWithoutWaiting(RegistryHost registry) {
    if (signedOut != null || refused != null) {
      return Optional.empty();
    }
    RefreshAheadCache<IssuedPassword> cache = registryPasswords.get(registry.host());
    if (cache == null) {
      return Optional.empty();
    }
    return cache
        .getWithoutWaiting()
        .filter(issued -> !issuedToAnotherIdentity(issued))
        .map(IssuedPassword::password);
  }

  /** A password the identity pool issued before it gave this session another identity. */
  private boolean issuedToAnotherIdentity(IssuedPassword issued) {
    Optional<String> identity = stored.identityId();
    return issued.identityId().isPresent()
        && identity.isPresent()
        && !issued.identityId().equals(identity);
  }

  private RefreshAheadCache<IssuedPassword> registryCache(RegistryHost registry) {
    return new RefreshAheadCache<>(
        "profile " + profile + " registry " + registry,
        () -> fetchPassword(registry),
        clock,
        timing,
        background);
  }

  private RefreshAheadCache.Timed<IssuedPassword> fetchPassword(RegistryHost registry) {
    throwIfSignedOut();
    Instant requested = clock.instant();
    AwsCredentials current = credentials();
    RegistryPassword password = registryAuthority.password(config.get(), current, registry);
    RefreshAheadCache.Timed<IssuedPassword> timed =
        timing.timed(
            new IssuedPassword(password, stored.identityId()), requested, password.expiresAt());
    log.info(
        "profile {}: new password for registry {}, valid until {}, next renewal at {}",
        profile,
        registry,
        password.expiresAt(),
        timed.prefetchAt());
    return timed;
  }

  AwsCredentials credentials() {
    throwIfSignedOut();
    retryIfRefused();
    AwsCredentials served = credentials.get();
    // the call that found the refresh token rejected may have fallen back to the cached value
    throwIfSignedOut();
    // a refusal found by a renewal stops the cached credentials at once
    throwIfRefused();
    return served;
  }

  /**
   * While REFUSED: joins a running exchange, or starts one when no request has started one for
   * {@link #REFUSED_RETRY_INTERVAL}, waits for it (bounded), and returns only if it succeeded;
   * otherwise throws the refusal at once.
   */
  private void retryIfRefused() {
    if (refused == null) {
      return;
    }
    boolean mayAsk;
    synchronized (refusalRetryLock) {
      Instant now = clock.instant();
      mayAsk = !now.isBefore(refusalRetriedAt.plus(REFUSED_RETRY_INTERVAL));
      if (mayAsk) {
        refusalRetriedAt = now;
      }
    }
    if (mayAsk) {
      log.info("profile {}: REFUSED, asking the identity pool again for a request", profile);
    }
    credentials.renewNow(mayAsk, RefreshAheadCache.WAITING_PATIENCE);
    throwIfSignedOut();
    throwIfRefused();
  }

  private void throwIfRefused() {
    Failure refusal = refused;
    if (refusal != null) {
      throw refusal;
    }
  }

  /**
   * The credentials when they are at hand without waiting for anything; see {@link
   * Sessions#credentialsWithoutWaiting}.
   */
  Optional<AwsCredentials> credentialsWithoutWaiting() {
    return signedOut != null || refused != null
        ? Optional.empty()
        : credentials.getWithoutWaiting();
  }

  private void throwIfSignedOut() {
    Failure out = signedOut;
    if (out != null) {
      throw out;
    }
  }

  StoredSession stored() {
    return stored;
  }

  /**
   * An access token that is not close to its expiry, for the calls Cognito authorises with it
   * (ChangePassword, GlobalSignOut).
   */
  String accessToken() {
    throwIfSignedOut();
    return fresh(
            config.get(),
            known -> stillValid(known.claims().issuedAt(), known.accessTokenExpiresAt()))
        .accessToken();
  }

  boolean isSignedOut() {
    return signedOut != null;
  }

  /** The identity pool's last refusal, while no exchange has succeeded since. */
  Optional<Failure> refusal() {
    return Optional.ofNullable(refused);
  }

  RefreshAheadCache<AwsCredentials> cache() {
    return credentials;
  }

  void close() {
    credentials.close();
    closeRegistryPasswords();
  }

  private void closeRegistryPasswords() {
    registryPasswords.values().forEach(RefreshAheadCache::close);
    registryPasswords.clear();
  }

  private RefreshAheadCache.Timed<AwsCredentials> fetch() {
    throwIfSignedOut();
    CognitoProfile current = config.get();
    // the lifetime counts from the request: a slow answer must not push the prefetch later
    Instant requested = clock.instant();
    AwsCredentials fresh;
    try {
      fresh = exchange(current);
    } catch (IdTokenRejectedException e) {
      // revoked or expired early: a new ID token tells whether the refresh token still works
      log.info("profile {}: the identity pool refused the ID token, refreshing it", profile);
      forgetIdToken();
      try {
        fresh = exchange(current);
      } catch (IdTokenRejectedException again) {
        if (again.tokenInvalid()) {
          throw again.failure();
        }
        // a token just issued by the user pool, refused: the publisher's decision, not a fault
        if (refused == null) {
          log.warn(
              "profile {}: SIGNED_IN -> REFUSED: the identity pool refused credentials ({})",
              profile,
              again.getMessage());
        }
        refused = Failure.credentialsRefused(profile, again.failure());
        // the passwords were obtained for the licence that is now refused
        closeRegistryPasswords();
        throw refused;
      }
    }
    if (!fresh.expiration().isAfter(clock.instant())) {
      // served, they would be asked for again at once by every caller: a failure backs off instead
      throw new Failure(
          Failure.Kind.UPSTREAM_ERROR,
          ErrorCodes.UPSTREAM_ERROR,
          "profile "
              + profile
              + ": Cognito's new credentials expire at "
              + fresh.expiration()
              + ", already past on this machine's clock ("
              + clock.instant()
              + "): set the clock right (e.g. with NTP)");
    }
    if (refused != null) {
      refused = null;
      log.info(
          "profile {}: REFUSED -> SIGNED_IN: the identity pool gives credentials again", profile);
    }
    RefreshAheadCache.Timed<AwsCredentials> timed =
        timing.timed(fresh, requested, fresh.expiration());
    log.info(
        "profile {}: new AWS credentials, valid until {}, next refresh at {}",
        profile,
        fresh.expiration(),
        timed.prefetchAt());
    return timed;
  }

  private AwsCredentials exchange(CognitoProfile current) {
    String idToken =
        fresh(current, known -> stillValid(known.claims().issuedAt(), known.claims().expiresAt()))
            .idToken();
    String identityId = stored.identityId().orElseGet(() -> rememberIdentity(current, idToken));
    try {
      return identityPool.credentials(current, identityId, idToken);
    } catch (UnknownIdentityException e) {
      log.warn(
          "profile {}: identity {} no longer exists, asking for a new one", profile, identityId);
      return identityPool.credentials(current, rememberIdentity(current, idToken), idToken);
    }
  }

  private synchronized void forgetIdToken() {
    tokens = null;
  }

  /**
   * The tokens in memory while {@code usable} says the one the caller needs is, else refreshed
   * ones.
   */
  private synchronized Tokens fresh(CognitoProfile current, Predicate<Tokens> usable) {
    Tokens known = tokens;
    return known != null && usable.test(known) ? known : refreshed(current);
  }

  /**
   * A token issued at {@code issuedAt} is used while more than min(5 min, a fifth of its lifetime)
   * is left; both instants are on Cognito's clock, so its life is counted from when it arrived.
   * Guarded by this.
   */
  private boolean stillValid(Instant issuedAt, Instant expiresAt) {
    Duration lifetime = Duration.between(issuedAt, expiresAt);
    Duration fifth = lifetime.dividedBy(5);
    Duration margin = fifth.compareTo(MAX_TOKEN_MARGIN) < 0 ? fifth : MAX_TOKEN_MARGIN;
    return clock.instant().plus(margin).isBefore(tokensReceivedAt.plus(lifetime));
  }

  /** The only place the refresh token is used (guarded by this). */
  private Tokens refreshed(CognitoProfile current) {
    StoredSession session = stored;
    Instant asked = clock.instant();
    Tokens fresh;
    try {
      fresh =
          userPoolTokens.refresh(
              current, session.refreshToken(), session.username(), session.rotatesRefreshTokens());
    } catch (Failure failure) {
      if (failure.kind() == Failure.Kind.SIGNED_OUT) {
        signOut(failure);
      }
      throw failure;
    }
    if (fresh.refreshToken().isPresent()
        && !fresh.refreshToken().get().equals(session.refreshToken())) {
      // Rotation: the old token stops working after Cognito's grace period, so the new one is
      // written (atomically, durably) before it or the ID token that came with it is used; a crash
      // after this line loses nothing. If the write fails, no token that came with it is used
      // either.
      // The same write remembers that the app client rotates, for the next start.
      String rotated = fresh.refreshToken().get();
      save(latest -> latest.withRotatedRefreshToken(rotated));
      log.info("profile {}: rotated refresh token stored in the {} store", profile, store.kind());
    }
    tokens = fresh;
    tokensReceivedAt = asked;
    log.info(
        "profile {}: tokens refreshed, ID token valid until {}, access token until {}",
        profile,
        fresh.claims().expiresAt(),
        fresh.accessTokenExpiresAt());
    return fresh;
  }

  private String rememberIdentity(CognitoProfile current, String idToken) {
    String identityId = identityPool.identityId(current, idToken);
    save(known -> known.withIdentityId(identityId));
    log.info("profile {}: identity id {}", profile, identityId);
    return identityId;
  }

  /**
   * Changes the stored session from its latest state, one change at a time: a concurrent change
   * built on an older state would otherwise write a rotated-out refresh token back. The new state
   * is kept in memory even when the write fails, so a running daemon keeps the newest token.
   */
  private synchronized void save(UnaryOperator<StoredSession> change) {
    StoredSession changed = change.apply(stored);
    stored = changed;
    try {
      store.save(profile, changed);
    } catch (RuntimeException e) {
      // the store's messages name the file or keychain entry, never its content
      throw new Failure(
          Failure.Kind.UPSTREAM_UNAVAILABLE,
          ErrorCodes.STORE_UNAVAILABLE,
          "profile "
              + profile
              + ": cannot write the session to the "
              + store.kind()
              + " store ("
              + e.getMessage()
              + "); credentials are served again once it can be written",
          e);
    }
  }

  private void signOut(Failure cause) {
    signedOut = Failure.signedOut(profile);
    credentials.close();
    try {
      store.delete(profile);
    } catch (RuntimeException e) {
      // signed out all the same: the stored token is refused too, so a restart signs out again
      log.warn("profile {}: cannot remove the stored session: {}", profile, e.getMessage());
    }
    closeRegistryPasswords();
    log.warn(
        "profile {}: SIGNED_IN -> SIGNED_OUT: Cognito rejected the refresh token ({})",
        profile,
        cause.getCause() != null ? cause.getCause().getClass().getSimpleName() : cause.code());
  }
}
