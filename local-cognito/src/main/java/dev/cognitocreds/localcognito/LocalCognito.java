package dev.cognitocreds.localcognito;

import com.nimbusds.jose.jwk.RSAKey;
import dev.cognitocreds.localcognito.ecr.EcrService;
import dev.cognitocreds.localcognito.ecr.RegistryPassword;
import dev.cognitocreds.localcognito.hostedui.HostedUi;
import dev.cognitocreds.localcognito.identitypool.IdentityPoolService;
import dev.cognitocreds.localcognito.identitypool.IssuedCredentials;
import dev.cognitocreds.localcognito.identitypool.TokenIssuers;
import dev.cognitocreds.localcognito.oidc.OidcProviders;
import dev.cognitocreds.localcognito.sigv4.SigV4Verifier;
import dev.cognitocreds.localcognito.userpool.UserPoolService;
import io.javalin.Javalin;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * A local Amazon Cognito (user pools and identity pools) on one loopback port, with ECR's {@code
 * GetAuthorizationToken} for callers that sign with the credentials its identity pools issued.
 *
 * <pre>{@code
 * try (LocalCognito lc = LocalCognito.builder().port(0).demo().start()) {
 *     URI endpoint = lc.endpoint();   // endpointOverride for both SDK clients
 * }
 * }</pre>
 */
public final class LocalCognito implements AutoCloseable {
  static final String LOOPBACK = "127.0.0.1";

  private final Javalin server;
  private final Calls calls;
  private final Outbox outbox;
  private final Faults faults;
  private final IdentityPoolService identityPools;
  private final EcrService ecr;
  private final OidcProviders oidcProviders;

  private LocalCognito(Builder builder) {
    Seed seed = builder.seed != null ? builder.seed : Seed.empty();
    Duration lifetime =
        builder.credentialLifetime != null
            ? builder.credentialLifetime
            : seed.credentialLifetime().orElse(Duration.ofHours(1));
    this.calls = new Calls();
    this.outbox = new Outbox(builder.clock);
    this.faults = new Faults(builder.clock, builder.faultRandom);
    UserPoolService userPools =
        new UserPoolService(builder.clock, outbox, seed.region(), seed.accountId());
    this.oidcProviders = new OidcProviders(builder.clock, this::base);
    this.identityPools =
        new IdentityPoolService(
            builder.clock, issuersOf(userPools, oidcProviders), seed.region(), lifetime);
    userPools.seed(seed.userPools());
    identityPools.seed(seed.identityPools());
    this.ecr = new EcrService(builder.clock, seed.accountId(), identityPools::issuedCredentials);
    Object lock = new Object();
    HostedUi hostedUi = new HostedUi(userPools.hostedUi(lock), this::base, builder.clock);
    AwsJsonEndpoint endpoint =
        new AwsJsonEndpoint(
            Map.of(
                "AWSCognitoIdentityProviderService", userPools.operations(),
                "AWSCognitoIdentityService", identityPools.operations()),
            Map.of(
                EcrService.TARGET_PREFIX,
                new SignedService(
                    new SigV4Verifier(
                        EcrService.SIGNING_NAME, identityPools::signingCredential, builder.clock),
                    ecr.operations()),
                EcrService.PUBLIC_TARGET_PREFIX,
                new SignedService(
                    new SigV4Verifier(
                        EcrService.PUBLIC_SIGNING_NAME,
                        identityPools::signingCredential,
                        builder.clock),
                    ecr.publicOperations())),
            calls,
            faults,
            lock,
            builder.clock);
    AdminRoutes admin =
        new AdminRoutes(outbox, calls, faults, identityPools::issuedCredentials, ecr::passwords);
    this.server =
        Javalin.create(
            config -> {
              config.startup.showJavalinBanner = false;
              config.routes.post("/", endpoint::handle);
              config.routes.get(
                  "/{poolId}/.well-known/jwks.json",
                  ctx ->
                      userPools
                          .jwks(ctx.pathParam("poolId"))
                          .ifPresentOrElse(
                              jwks -> ctx.contentType("application/json").result(jwks),
                              () ->
                                  ctx.status(404)
                                      .contentType("application/json")
                                      .result("{\"message\":\"User pool not found\"}")));
              admin.register(config.routes);
              hostedUi.register(config.routes);
              oidcProviders.register(config.routes);
            });
    server.start(LOOPBACK, builder.port);
    // the providers' issuers and redirect URIs name the port, known only now
    oidcProviders.seed(seed.oidcProviders());
  }

  private String base() {
    return "http://" + LOOPBACK + ":" + server.port();
  }

  private static TokenIssuers issuersOf(UserPoolService userPools, OidcProviders oidc) {
    return new TokenIssuers() {
      @Override
      public Optional<RSAKey> publicKey(String issuer) {
        return userPools.publicKey(issuer).or(() -> oidc.publicKey(issuer));
      }

      @Override
      public boolean stillSignedIn(String issuer, String originJti, String username) {
        return userPools.stillSignedIn(issuer, originJti, username);
      }
    };
  }

  public static Builder builder() {
    return new Builder();
  }

  public URI endpoint() {
    return URI.create("http://" + LOOPBACK + ":" + server.port());
  }

  public int port() {
    return server.port();
  }

  public Calls calls() {
    return calls;
  }

  public Outbox outbox() {
    return outbox;
  }

  public Faults faults() {
    return faults;
  }

  /**
   * The stand-in OpenID Connect providers at {@code /_oidc/<name>}: {@code
   * lc.oidcProviders().create("corp").client(...).user(...)}.
   */
  public OidcProviders oidcProviders() {
    return oidcProviders;
  }

  /** Credentials handed out so far (key id, identity, role, expiry), oldest first. */
  public List<IssuedCredentials> issuedCredentials() {
    return identityPools.issuedCredentials();
  }

  /** Registry passwords ECR's GetAuthorizationToken handed out, with who asked, oldest first. */
  public List<RegistryPassword> ecrPasswords() {
    return ecr.passwords();
  }

  @Override
  public void close() {
    server.stop();
  }

  public static final class Builder {
    private int port;
    private Seed seed;
    private Clock clock = Clock.systemUTC();
    private Duration credentialLifetime;
    private Random faultRandom = new Random();

    private Builder() {}

    /** 0 (the default) picks a free port. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    public Builder seed(Path file) {
      this.seed = Seed.fromFile(file);
      return this;
    }

    public Builder seed(Seed seed) {
      this.seed = seed;
      return this;
    }

    public Builder demo() {
      this.seed = Seed.demo();
      return this;
    }

    /** Time for token and credential expiry, challenge sessions, codes, TOTP and outage windows. */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /**
     * Lifetime of identity-pool credentials; overrides the seed's CredentialLifetimeSeconds
     * (default 1 h).
     */
    public Builder credentialLifetime(Duration lifetime) {
      this.credentialLifetime = lifetime;
      return this;
    }

    /** Source of randomness for fault rates, so that tests can make them reproducible. */
    public Builder faultRandom(Random random) {
      this.faultRandom = random;
      return this;
    }

    public LocalCognito start() {
      return new LocalCognito(this);
    }
  }
}
