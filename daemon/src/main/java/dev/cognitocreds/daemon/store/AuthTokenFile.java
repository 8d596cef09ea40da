package dev.cognitocreds.daemon.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The endpoint token: 32 random bytes as 43 base64url characters with no newline, because SDKs send
 * the file's content verbatim as the Authorization header. Reused across restarts so exported
 * variables keep working.
 */
public final class AuthTokenFile {

  private AuthTokenFile() {}

  public static String readOrCreate(Path file, SecureRandom random) throws IOException {
    if (Files.isRegularFile(file)) {
      String existing = Files.readString(file, StandardCharsets.UTF_8).strip();
      if (existing.length() >= 32) {
        return existing;
      }
    }
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    PrivateFiles.write(file, token.getBytes(StandardCharsets.US_ASCII));
    return token;
  }
}
