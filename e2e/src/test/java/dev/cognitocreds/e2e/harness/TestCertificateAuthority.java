package dev.cognitocreds.e2e.harness;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A throwaway certificate authority made with the JDK's keytool, and one server certificate it
 * signed for a host name: clients trust {@link #caFile()} (e.g. through {@code SSL_CERT_FILE}) and
 * no certificate store of the machine is touched.
 */
public final class TestCertificateAuthority {
  private static final String PASSWORD = "test-only";

  private final Path caFile;
  private final SSLContext serverContext;

  private TestCertificateAuthority(Path caFile, SSLContext serverContext) {
    this.caFile = caFile;
    this.serverContext = serverContext;
  }

  /** A CA in {@code dir} (kept there) and a server certificate for {@code host}. */
  public static TestCertificateAuthority forHost(Path dir, String host) {
    Path ca = dir.resolve("ca.p12");
    Path server = dir.resolve("server.p12");
    Path request = dir.resolve("server.csr");
    Path serverCert = dir.resolve("server.pem");
    Path caCert = dir.resolve("ca.pem");
    keytool(
        ca,
        "-genkeypair",
        "-alias",
        "ca",
        "-dname",
        "CN=cognito-creds test CA",
        "-ext",
        "bc:c",
        "-ext",
        "ku:c=keyCertSign,cRLSign",
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-validity",
        "2");
    keytool(
        server,
        "-genkeypair",
        "-alias",
        "server",
        "-dname",
        "CN=" + host,
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-validity",
        "2");
    keytool(server, "-certreq", "-alias", "server", "-file", request.toString());
    keytool(
        ca,
        "-gencert",
        "-alias",
        "ca",
        "-infile",
        request.toString(),
        "-outfile",
        serverCert.toString(),
        "-rfc",
        "-ext",
        "san=dns:" + host,
        "-ext",
        "eku=serverAuth",
        "-validity",
        "2");
    writePem(ca, "ca", caCert);
    return new TestCertificateAuthority(caCert, serverContext(server, serverCert, caCert));
  }

  /** The CA certificate (PEM), the one a client must trust. */
  public Path caFile() {
    return caFile;
  }

  /** Presents the server certificate, chained to the CA. */
  public SSLContext serverContext() {
    return serverContext;
  }

  private static SSLContext serverContext(Path keyStore, Path serverCert, Path caCert) {
    try {
      KeyStore generated = loadKeyStore(keyStore);
      PrivateKey key = (PrivateKey) generated.getKey("server", PASSWORD.toCharArray());
      List<Certificate> chain = new ArrayList<>(certificates(serverCert));
      chain.addAll(certificates(caCert));
      KeyStore signed = KeyStore.getInstance("PKCS12");
      signed.load(null, null);
      signed.setKeyEntry("server", key, PASSWORD.toCharArray(), chain.toArray(Certificate[]::new));
      KeyManagerFactory keys =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(signed, PASSWORD.toCharArray());
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), null, null);
      return context;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (Exception e) {
      throw new IllegalStateException("cannot load the test server certificate", e);
    }
  }

  private static KeyStore loadKeyStore(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, PASSWORD.toCharArray());
      return store;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot read " + file, e);
    }
  }

  /** The certificate of {@code alias} in {@code keyStore}, as PEM (what SSL_CERT_FILE takes). */
  private static void writePem(Path keyStore, String alias, Path file) {
    try {
      Certificate certificate = loadKeyStore(keyStore).getCertificate(alias);
      String base64 =
          Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
              .encodeToString(certificate.getEncoded());
      Files.writeString(
          file, "-----BEGIN CERTIFICATE-----\n" + base64 + "\n-----END CERTIFICATE-----\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot encode the test CA certificate", e);
    }
  }

  private static List<? extends Certificate> certificates(Path pem) throws Exception {
    try (InputStream in = Files.newInputStream(pem)) {
      return new ArrayList<>(CertificateFactory.getInstance("X.509").generateCertificates(in));
    }
  }

  private static void keytool(Path keyStore, String... args) {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-noprompt",
                "-storetype",
                "PKCS12",
                "-keystore",
                keyStore.toString(),
                "-storepass",
                PASSWORD));
    command.addAll(List.of(args));
    CommandResult result = Command.run(command, Map.copyOf(System.getenv()), null);
    if (result.exitCode() != 0) {
      throw new IllegalStateException("keytool " + args[0] + " failed:\n" + result);
    }
  }
}
