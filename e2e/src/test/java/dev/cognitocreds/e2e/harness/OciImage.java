package dev.cognitocreds.e2e.harness;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;

/**
 * A one-layer linux/amd64 image written as an OCI image layout, built here so that a test needs no
 * network: skopeo copies it into the test registry.
 */
public final class OciImage {

  private OciImage() {}

  /** Writes the layout into {@code dir} under {@code tag}; returns the manifest's digest. */
  public static String write(Path dir, String tag, String fileContent) {
    try {
      Files.createDirectories(dir.resolve("blobs/sha256"));
      byte[] layer = tar("hello.txt", fileContent.getBytes(StandardCharsets.UTF_8));
      byte[] compressed = gzip(layer);
      String layerDigest = blob(dir, compressed);
      String config =
          "{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{},"
              + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\""
              + digest(layer)
              + "\"]}}";
      byte[] configBytes = config.getBytes(StandardCharsets.UTF_8);
      String configDigest = blob(dir, configBytes);
      String manifest =
          "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
              + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\","
              + descriptor(configDigest, configBytes.length)
              + "},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\","
              + descriptor(layerDigest, compressed.length)
              + "}]}";
      byte[] manifestBytes = manifest.getBytes(StandardCharsets.UTF_8);
      String manifestDigest = blob(dir, manifestBytes);
      Files.writeString(
          dir.resolve("index.json"),
          "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":"
              + "\"application/vnd.oci.image.manifest.v1+json\","
              + descriptor(manifestDigest, manifestBytes.length)
              + ",\"annotations\":{\"org.opencontainers.image.ref.name\":\""
              + tag
              + "\"}}]}");
      Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
      return manifestDigest;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The digest of the one manifest an OCI layout's index names. */
  public static String manifestDigest(Path dir) {
    try {
      String index = Files.readString(dir.resolve("index.json"));
      int at = index.indexOf("sha256:");
      return index.substring(at, at + 7 + 64);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String descriptor(String digest, int size) {
    return "\"digest\":\"" + digest + "\",\"size\":" + size;
  }

  private static String blob(Path dir, byte[] content) throws IOException {
    String digest = digest(content);
    Files.write(dir.resolve("blobs/sha256").resolve(digest.substring(7)), content);
    return digest;
  }

  private static String digest(byte[] content) {
    try {
      return "sha256:"
          + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] gzip(byte[] content) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(content);
    }
    return out.toByteArray();
  }

  /** A ustar archive of one regular file, mode 0644, owned by root. */
  private static byte[] tar(String name, byte[] content) {
    byte[] header = new byte[512];
    put(header, 0, name);
    put(header, 100, "0000644");
    put(header, 108, "0000000");
    put(header, 116, "0000000");
    put(header, 124, String.format("%011o", content.length));
    put(header, 136, String.format("%011o", 0));
    header[156] = '0';
    put(header, 257, "ustar");
    put(header, 263, "00");
    for (int i = 148; i < 156; i++) {
      header[i] = ' ';
    }
    int sum = 0;
    for (byte b : header) {
      sum += b & 0xff;
    }
    put(header, 148, String.format("%06o", sum));
    header[154] = 0;
    int padded = (content.length + 511) / 512 * 512;
    byte[] archive = new byte[512 + padded + 1024];
    System.arraycopy(header, 0, archive, 0, 512);
    System.arraycopy(content, 0, archive, 512, content.length);
    return archive;
  }

  private static void put(byte[] header, int at, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(bytes, 0, header, at, bytes.length);
  }
}
