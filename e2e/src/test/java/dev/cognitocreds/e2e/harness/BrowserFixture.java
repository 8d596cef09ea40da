package dev.cognitocreds.e2e.harness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cognitocreds.localcognito.LocalCognito;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.cognitoidentity.model.CognitoIdentityProvider;
import software.amazon.awssdk.services.cognitoidentity.model.CreateIdentityPoolRequest;

/**
 * The world of the browser sign-in tests: local-cognito, an installation whose profiles sign in
 * through the browser, and headless chromium; plus the identity pools and profiles they provision.
 * Closing ends chromium, then the installation.
 */
public final class BrowserFixture implements AutoCloseable {
  private static final Pattern REFRESH_TOKEN =
      Pattern.compile("\"refreshToken\"\\s*:\\s*\"([^\"]+)\"");

  private final LocalCognitoInstallation fixture;
  private final HeadlessChromium chromium;

  private BrowserFixture(LocalCognitoInstallation fixture, HeadlessChromium chromium) {
    this.fixture = fixture;
    this.chromium = chromium;
  }

  /**
   * {@code provision} sets up the pools through the publisher's SDK clients and returns each
   * profile's INI section, written to the AWS config in this order; local-cognito is closed when
   * anything fails.
   */
  public static BrowserFixture start(
      String name, LocalCognito cognito, Function<CognitoAdmin, Map<String, String>> provision) {
    Map<String, String> profiles;
    try (CognitoAdmin admin = new CognitoAdmin(cognito.endpoint(), DemoPool.REGION)) {
      profiles = provision.apply(admin);
    } catch (RuntimeException | Error e) {
      cognito.close();
      throw e;
    }
    LocalCognitoInstallation fixture =
        LocalCognitoInstallation.start(
            name, cognito, endpoint -> String.join("", profiles.values()));
    try {
      return new BrowserFixture(fixture, HeadlessChromium.start());
    } catch (RuntimeException | Error e) {
      fixture.close();
      throw e;
    }
  }

  public LocalCognitoInstallation fixture() {
    return fixture;
  }

  public HeadlessChromium chromium() {
    return chromium;
  }

  /** An identity pool trusting the demo pool's app client, its authenticated role licensed. */
  public static String identityPoolTrustingClient(
      CognitoAdmin admin, String name, String clientId) {
    return licensedIdentityPool(
        admin,
        name,
        r ->
            r.cognitoIdentityProviders(
                CognitoIdentityProvider.builder()
                    .providerName("cognito-idp.us-east-2.amazonaws.com/" + DemoPool.USER_POOL_ID)
                    .clientId(clientId)
                    .build()));
  }

  /** An identity pool trusting an OIDC provider directly, its authenticated role licensed. */
  public static String identityPoolTrustingIssuer(CognitoAdmin admin, String name, String issuer) {
    return licensedIdentityPool(
        admin,
        name,
        r ->
            r.openIdConnectProviderARNs(
                "arn:aws:iam::111122223333:oidc-provider/" + issuer.replaceFirst("^http://", "")));
  }

  /** An identity pool without unauthenticated identities, trusting what {@code trust} sets. */
  private static String licensedIdentityPool(
      CognitoAdmin admin, String name, Consumer<CreateIdentityPoolRequest.Builder> trust) {
    String id =
        admin
            .identityPools()
            .createIdentityPool(
                r -> trust.accept(r.identityPoolName(name).allowUnauthenticatedIdentities(false)))
            .identityPoolId();
    return licensed(admin, id);
  }

  /** A profile whose identity pool trusts the OIDC provider {@code issuer} directly. */
  public static CognitoProfile oidcDirectProfile(
      String name,
      String issuer,
      String clientId,
      String identityPoolId,
      URI endpoint,
      String redirectUri) {
    Map<String, String> keys = new LinkedHashMap<>();
    keys.put("region", DemoPool.REGION);
    keys.put("cognito_oidc_issuer", issuer);
    keys.put("cognito_oidc_client_id", clientId);
    keys.put("cognito_identity_pool_id", identityPoolId);
    keys.put("cognito_endpoint_url", endpoint.toString());
    keys.put("cognito_redirect_uri", redirectUri);
    return new CognitoProfile(name, keys);
  }

  /** The refresh token in the profile's session file (the tests' installations use files). */
  public String refreshTokenOf(String profile) {
    String session;
    try {
      session = Files.readString(fixture.installation().home().sessionFile(profile));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Matcher m = REFRESH_TOKEN.matcher(session);
    assertThat(m.find()).as("a session file with a refresh token").isTrue();
    return m.group(1);
  }

  private static String licensed(CognitoAdmin admin, String identityPoolId) {
    admin
        .identityPools()
        .setIdentityPoolRoles(
            r ->
                r.identityPoolId(identityPoolId)
                    .roles(Map.of("authenticated", DemoPool.LICENSED_ROLE_ARN)));
    return identityPoolId;
  }

  @Override
  public void close() {
    try {
      chromium.close();
    } finally {
      fixture.close();
    }
  }
}
