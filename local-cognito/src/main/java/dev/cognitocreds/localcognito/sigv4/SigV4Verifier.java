package dev.cognitocreds.localcognito.sigv4;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks an {@code Authorization: AWS4-HMAC-SHA256 …} header the way an AWS service does: the
 * canonical request rebuilt from the request as it arrived, the string to sign, the key derived
 * from the caller's secret for the credential scope, and the credential's session token and expiry.
 * A request AWS would refuse raises a {@link SignatureException} with AWS's code and message.
 *
 * <p>One verifier per signing name ({@code ecr}, {@code ecr-public}, …): a signature scoped to
 * another service is refused, as AWS refuses it.
 */
public final class SigV4Verifier {
  static final String ALGORITHM = "AWS4-HMAC-SHA256";
  private static final String TERMINATOR = "aws4_request";
  // AWS accepts a request signed up to 15 minutes before or after its own clock
  private static final Duration ALLOWED_SKEW = Duration.ofMinutes(15);
  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final String MISMATCH =
      "The request signature we calculated does not match the signature you provided. Check your"
          + " AWS Secret Access Key and signing method. Consult the service documentation for"
          + " details.";

  private final String service;
  private final Function<String, Optional<SigningCredential>> credentials;
  private final Clock clock;

  /**
   * @param service the signing name the credential scope must carry
   * @param credentials the credentials this service knows, by access key id
   */
  public SigV4Verifier(
      String service, Function<String, Optional<SigningCredential>> credentials, Clock clock) {
    this.service = service;
    this.credentials = credentials;
    this.clock = clock;
  }

  /** Who signed the request; throws when AWS would refuse the request. */
  public VerifiedSigner verify(SignedRequest request) {
    Authorization authorization = Authorization.parse(request.header("authorization"));
    String amzDate = request.header("x-amz-date");
    if (amzDate == null) {
      throw SignatureException.incomplete(
          "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
    }
    Instant signedAt = parseAmzDate(amzDate);
    checkScope(authorization, amzDate);

    SigningCredential credential =
        credentials.apply(authorization.accessKeyId).orElseThrow(SignatureException::unrecognized);
    String sessionToken = request.header("x-amz-security-token");
    if (credential.sessionToken() != null
        && (sessionToken == null || !constantTimeEquals(sessionToken, credential.sessionToken()))) {
      throw SignatureException.unrecognized();
    }
    Instant now = clock.instant();
    if (!now.isBefore(credential.expiration())) {
      throw SignatureException.expired();
    }
    checkSignedHeaders(authorization, request);
    String expected =
        HexFormat.of()
            .formatHex(
                hmac(
                    signingKey(credential.secretAccessKey(), authorization),
                    stringToSign(request, authorization, amzDate)));
    if (!constantTimeEquals(expected, authorization.signature)) {
      throw SignatureException.invalid(MISMATCH);
    }
    checkSkew(signedAt, amzDate, now);
    return new VerifiedSigner(credential.accessKeyId(), authorization.region);
  }

  private void checkScope(Authorization authorization, String amzDate) {
    if (!authorization.date.equals(amzDate.substring(0, 8))) {
      throw SignatureException.invalid(
          "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from"
              + " HTTP: '"
              + authorization.date
              + "' != '"
              + amzDate.substring(0, 8)
              + "', from '"
              + amzDate
              + "'.");
    }
    if (!authorization.service.equals(service)) {
      throw SignatureException.invalid(
          "Credential should be scoped to correct service: '" + service + "'. ");
    }
    if (authorization.region.isEmpty()) {
      throw SignatureException.invalid("Credential should be scoped to a valid region. ");
    }
  }

  private static void checkSignedHeaders(Authorization authorization, SignedRequest request) {
    if (!authorization.signedHeaders.contains("host")) {
      throw SignatureException.invalid(
          "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
    }
    for (String name : authorization.signedHeaders) {
      if (request.header(name) == null) {
        throw SignatureException.invalid(MISMATCH);
      }
    }
  }

  private static void checkSkew(Instant signedAt, String amzDate, Instant now) {
    if (signedAt.isBefore(now.minus(ALLOWED_SKEW))) {
      throw skewed("Signature expired: ", amzDate, " is now earlier than ", now, '-');
    }
    if (signedAt.isAfter(now.plus(ALLOWED_SKEW))) {
      throw skewed("Signature not yet current: ", amzDate, " is still later than ", now, '+');
    }
  }

  private static SignatureException skewed(
      String what, String amzDate, String relation, Instant now, char sign) {
    Instant limit = sign == '-' ? now.minus(ALLOWED_SKEW) : now.plus(ALLOWED_SKEW);
    return SignatureException.invalid(
        what
            + amzDate
            + relation
            + AMZ_DATE.format(limit)
            + " ("
            + AMZ_DATE.format(now)
            + " "
            + sign
            + " 15 min.)");
  }

  private static Instant parseAmzDate(String amzDate) {
    try {
      return Instant.from(AMZ_DATE.parse(amzDate));
    } catch (DateTimeParseException e) {
      throw SignatureException.incomplete(
          "Date must be in ISO-8601 'basic format'. Got '"
              + amzDate
              + "'. See http://en.wikipedia.org/wiki/ISO_8601");
    }
  }

  private static byte[] stringToSign(
      SignedRequest request, Authorization authorization, String amzDate) {
    String scope =
        String.join(
            "/", authorization.date, authorization.region, authorization.service, TERMINATOR);
    return String.join(
            "\n",
            ALGORITHM,
            amzDate,
            scope,
            hex(sha256(canonicalRequest(request, authorization).getBytes(StandardCharsets.UTF_8))))
        .getBytes(StandardCharsets.UTF_8);
  }

  static String canonicalRequest(SignedRequest request, Authorization authorization) {
    StringBuilder headers = new StringBuilder();
    for (String name : authorization.signedHeaders) {
      headers.append(name).append(':').append(trimmed(request.header(name))).append('\n');
    }
    return String.join(
        "\n",
        request.method(),
        canonicalUri(request.rawPath()),
        canonicalQuery(request.rawQuery()),
        headers.toString(),
        String.join(";", authorization.signedHeaders),
        hex(sha256(request.body())));
  }

  /** Every service but S3 signs the path encoded once more on top of its encoding on the wire. */
  private static String canonicalUri(String rawPath) {
    if (rawPath == null || rawPath.isEmpty()) {
      return "/";
    }
    List<String> segments = new ArrayList<>();
    for (String segment : rawPath.split("/", -1)) {
      segments.add(UriEncoding.encode(segment));
    }
    return String.join("/", segments);
  }

  private static String canonicalQuery(String rawQuery) {
    if (rawQuery.isEmpty()) {
      return "";
    }
    List<String[]> pairs = new ArrayList<>();
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String name = equals < 0 ? pair : pair.substring(0, equals);
      String value = equals < 0 ? "" : pair.substring(equals + 1);
      pairs.add(
          new String[] {
            UriEncoding.encode(UriEncoding.decode(name)),
            UriEncoding.encode(UriEncoding.decode(value))
          });
    }
    pairs.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
    List<String> joined = new ArrayList<>();
    pairs.forEach(p -> joined.add(p[0] + "=" + p[1]));
    return String.join("&", joined);
  }

  private static String trimmed(String value) {
    return value.strip().replaceAll(" +", " ");
  }

  private static byte[] signingKey(String secret, Authorization authorization) {
    byte[] key = ("AWS4" + secret).getBytes(StandardCharsets.UTF_8);
    for (String part :
        List.of(authorization.date, authorization.region, authorization.service, TERMINATOR)) {
      key = hmac(key, part.getBytes(StandardCharsets.UTF_8));
    }
    return key;
  }

  private static byte[] hmac(byte[] key, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  private static boolean constantTimeEquals(String a, String b) {
    return MessageDigest.isEqual(
        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  /** The parts of {@code AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…}. */
  record Authorization(
      String accessKeyId,
      String date,
      String region,
      String service,
      List<String> signedHeaders,
      String signature) {

    static Authorization parse(String header) {
      if (header == null) {
        throw SignatureException.missing();
      }
      String[] algorithmAndRest = header.strip().split("\\s+", 2);
      if (!algorithmAndRest[0].equals(ALGORITHM)) {
        throw SignatureException.incomplete(
            "Unsupported AWS 'algorithm': '" + algorithmAndRest[0] + "'");
      }
      Map<String, String> parts = new LinkedHashMap<>();
      if (algorithmAndRest.length > 1) {
        for (String part : algorithmAndRest[1].split(",")) {
          int equals = part.indexOf('=');
          if (equals > 0) {
            parts.put(part.substring(0, equals).strip(), part.substring(equals + 1).strip());
          }
        }
      }
      for (String required : List.of("Credential", "SignedHeaders", "Signature")) {
        if (!parts.containsKey(required)) {
          throw SignatureException.incomplete(
              "Authorization header requires '" + required + "' parameter.");
        }
      }
      String[] scope = parts.get("Credential").split("/", -1);
      if (scope.length != 5 || !scope[4].equals(TERMINATOR)) {
        throw SignatureException.incomplete(
            "Credential should be scoped with a valid terminator: 'aws4_request'.");
      }
      return new Authorization(
          scope[0],
          scope[1],
          scope[2],
          scope[3],
          List.of(parts.get("SignedHeaders").split(";")),
          parts.get("Signature"));
    }
  }
}
