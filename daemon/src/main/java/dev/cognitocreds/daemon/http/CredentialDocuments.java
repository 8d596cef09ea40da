package dev.cognitocreds.daemon.http;

import dev.cognitocreds.daemon.identity.AwsCredentials;
import dev.cognitocreds.daemon.registry.RegistryPassword;
import dev.cognitocreds.daemon.session.ServedPassword;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The two credential documents, rendered once per credentials object and then served as the same
 * bytes, so the hot routes do no JSON work.
 */
final class CredentialDocuments {

  // The arrays are the bytes to write, never compared; source is compared by identity on purpose.
  @SuppressWarnings("ArrayRecordComponent")
  record Rendered(AwsCredentials source, byte[] container, byte[] process) {}

  // The array is the bytes to write; source is compared by identity on purpose.
  @SuppressWarnings("ArrayRecordComponent")
  private record RenderedPassword(RegistryPassword source, byte[] document) {}

  private final ConcurrentMap<String, Rendered> byProfile = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, RenderedPassword> byRegistry = new ConcurrentHashMap<>();

  /** {@code profile} null is the default profile's route. */
  // Identity on purpose: a session hands out the same object until it renews, and the hot path
  // should not compare keys and tokens field by field to learn that.
  @SuppressWarnings("ReferenceEquality")
  Rendered of(String profile, AwsCredentials credentials) {
    String key = key(profile);
    Rendered rendered = byProfile.get(key);
    if (rendered != null && rendered.source() == credentials) {
      return rendered;
    }
    rendered =
        new Rendered(
            credentials, Json.bytes(container(credentials)), Json.bytes(process(credentials)));
    byProfile.put(key, rendered);
    return rendered;
  }

  /** The credential helper's answer for a registry password, rendered once per password. */
  // Identity on purpose, as above: a session hands out the same password until it renews it.
  @SuppressWarnings("ReferenceEquality")
  byte[] registry(ServedPassword served) {
    String host = served.registry().host();
    RenderedPassword rendered = byRegistry.get(host);
    if (rendered != null && rendered.source() == served.password()) {
      return rendered.document();
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("ServerURL", host);
    body.put("Username", served.password().username());
    body.put("Secret", served.password().secret());
    rendered = new RenderedPassword(served.password(), Json.bytes(body));
    byRegistry.put(host, rendered);
    return rendered.document();
  }

  /**
   * Drops every rendered document, once a profile signed out or in again: those bytes are secrets,
   * and the default route may be that profile too. The next request renders afresh.
   */
  void forget() {
    byProfile.clear();
    byRegistry.clear();
  }

  private static String key(String profile) {
    return profile == null ? "" : profile; // no profile is named ""
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
