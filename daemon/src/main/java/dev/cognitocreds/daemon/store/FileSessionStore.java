package dev.cognitocreds.daemon.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.cognitocreds.daemon.json.JsonTree;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One JSON file per profile under {@code sessions/}, mode 0600 in a 0700 folder. */
public final class FileSessionStore implements SessionStore {

  private static final Logger log = LoggerFactory.getLogger(FileSessionStore.class);
  private static final JsonFactory JSON = new JsonFactory();

  private final Path dir;

  public FileSessionStore(Path dir) {
    this.dir = dir;
  }

  /**
   * A session file; {@code refreshToken} is null when the token is kept in the keychain. {@code
   * rotatesRefreshTokens} is absent from files written before it existed and from sessions of app
   * clients not known to rotate (so those files stay as they were); a member a later version adds
   * is ignored rather than costing the session. Written as Jackson's data binding wrote it (members
   * in this order, nulls left out, its default pretty printer), read with its streaming parser.
   */
  record SessionFile(
      String profile,
      String refreshToken,
      String username,
      String sub,
      String identityId,
      String userPoolId,
      String clientId,
      String store,
      Boolean rotatesRefreshTokens) {

    static SessionFile of(
        String profile, StoredSession session, String refreshToken, String store) {
      return new SessionFile(
          profile,
          refreshToken,
          session.username(),
          session.sub(),
          session.identityId().orElse(null),
          session.userPoolId(),
          session.clientId(),
          store,
          session.rotatesRefreshTokens() ? Boolean.TRUE : null);
    }

    /** Reads a session file; members of another type than expected make it unreadable. */
    static SessionFile parse(byte[] json) throws IOException {
      Map<String, Object> members = JsonTree.object(json);
      return new SessionFile(
          text(members, "profile"),
          text(members, "refreshToken"),
          text(members, "username"),
          text(members, "sub"),
          text(members, "identityId"),
          text(members, "userPoolId"),
          text(members, "clientId"),
          text(members, "store"),
          flag(members, "rotatesRefreshTokens"));
    }

    private static String text(Map<String, Object> members, String name) throws IOException {
      Object value = members.get(name);
      if (value == null || value instanceof String) {
        return (String) value;
      }
      if (value instanceof Boolean || value instanceof Number) {
        return value.toString();
      }
      throw new IOException(name + " is not a string");
    }

    private static Boolean flag(Map<String, Object> members, String name) throws IOException {
      Object value = members.get(name);
      if (value == null || value instanceof Boolean) {
        return (Boolean) value;
      }
      if ("true".equals(value) || "false".equals(value)) {
        return Boolean.valueOf((String) value);
      }
      throw new IOException(name + " is not a boolean");
    }

    /** The file's bytes: every member that is not null, in the record's order, pretty-printed. */
    byte[] bytes() throws IOException {
      ByteArrayOutputStream out = new ByteArrayOutputStream(512);
      try (JsonGenerator generator = JSON.createGenerator(out)) {
        generator.useDefaultPrettyPrinter();
        generator.writeStartObject();
        member(generator, "profile", profile);
        member(generator, "refreshToken", refreshToken);
        member(generator, "username", username);
        member(generator, "sub", sub);
        member(generator, "identityId", identityId);
        member(generator, "userPoolId", userPoolId);
        member(generator, "clientId", clientId);
        member(generator, "store", store);
        if (rotatesRefreshTokens != null) {
          generator.writeBooleanField("rotatesRefreshTokens", rotatesRefreshTokens);
        }
        generator.writeEndObject();
      }
      return out.toByteArray();
    }

    private static void member(JsonGenerator generator, String name, String value)
        throws IOException {
      if (value != null) {
        generator.writeStringField(name, value);
      }
    }

    /** The session with {@code token} as its refresh token; empty when incomplete. */
    Optional<StoredSession> toSession(String token) {
      if (token == null || username == null) {
        log.warn(
            "ignoring the session of profile {}: it has no refresh token or username", profile);
        return Optional.empty();
      }
      return Optional.of(
          new StoredSession(
              token,
              username,
              sub,
              Optional.ofNullable(identityId),
              userPoolId,
              clientId,
              Boolean.TRUE.equals(rotatesRefreshTokens)));
    }
  }

  @Override
  public String kind() {
    return "file";
  }

  @Override
  public Optional<StoredSession> load(String profile) {
    return read(profile)
        .flatMap(
            stored -> {
              if (stored.refreshToken() == null
                  && KeychainSessionStore.KIND.equals(stored.store())) {
                log.warn(
                    "the session of profile {} is kept in the OS keychain, which does not answer now: start "
                        + "cognito-credsd where the keychain is unlocked, or sign in again",
                    profile);
                return Optional.empty();
              }
              return stored.toSession(stored.refreshToken());
            });
  }

  @Override
  public void save(String profile, StoredSession session) {
    write(profile, SessionFile.of(profile, session, session.refreshToken(), kind()));
  }

  /**
   * The profile's file as it is, or empty when absent; a file that cannot be read is an {@link
   * UnreadableSessionException} naming it.
   */
  Optional<SessionFile> read(String profile) {
    Path file = file(profile);
    try {
      return Optional.of(SessionFile.parse(Files.readAllBytes(file)));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      // names the file only: the parser's message would quote the content
      log.warn("unreadable session file {} ({})", file, e.getClass().getSimpleName());
      throw new UnreadableSessionException(
          "the session file " + file + " cannot be read (" + e.getClass().getSimpleName() + ")");
    }
  }

  /**
   * Replaces the profile's file atomically, mode 0600: when that fails (a full or read-only folder)
   * the previous file is left as it was and no partial file remains.
   */
  void write(String profile, SessionFile stored) {
    Path file = file(profile);
    try {
      PrivateFiles.write(file, stored.bytes());
    } catch (IOException e) {
      // an IOException names paths and the system's reason, never what was being written
      throw new UncheckedIOException(
          "cannot write the session file "
              + file
              + " ("
              + e.getClass().getSimpleName()
              + (e.getMessage() != null ? ": " + e.getMessage() : "")
              + "): free some space in "
              + dir.toAbsolutePath()
              + " or make that folder writable for this user; the previous session file is"
              + " unchanged",
          e);
    }
  }

  @Override
  public void delete(String profile) {
    try {
      Files.deleteIfExists(file(profile));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete session file " + file(profile), e);
    }
  }

  /**
   * {@code <profile>.json}; a name with characters a file name cannot hold (like '/') is
   * URL-encoded.
   */
  private Path file(String profile) {
    return dir.resolve(URLEncoder.encode(profile, StandardCharsets.UTF_8) + ".json");
  }
}
