package dev.cognitocreds.daemon.store;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/** One JSON file per profile under {@code sessions/}, mode 0600 in a 0700 folder. */
public final class FileSessionStore implements SessionStore {

    private static final Logger log = LoggerFactory.getLogger(FileSessionStore.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;

    public FileSessionStore(Path dir) {
        this.dir = dir;
    }

    /**
     * A session file; {@code refreshToken} is null when the token is kept in the keychain.
     * {@code rotatesRefreshTokens} is absent from files written before it existed and from sessions of
     * app clients not known to rotate (so those files stay as they were); a member a later version adds
     * is ignored rather than costing the session.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    record SessionFile(String profile, String refreshToken, String username, String sub, String identityId,
                       String userPoolId, String clientId, String store, Boolean rotatesRefreshTokens) {

        static SessionFile of(String profile, StoredSession session, String refreshToken, String store) {
            return new SessionFile(profile, refreshToken, session.username(), session.sub(),
                    session.identityId().orElse(null), session.userPoolId(), session.clientId(), store,
                    session.rotatesRefreshTokens() ? Boolean.TRUE : null);
        }

        /** The session with {@code token} as its refresh token; empty when incomplete. */
        Optional<StoredSession> toSession(String token) {
            if (token == null || username == null) {
                log.warn("ignoring the session of profile {}: it has no refresh token or username", profile);
                return Optional.empty();
            }
            return Optional.of(new StoredSession(token, username, sub, Optional.ofNullable(identityId), userPoolId,
                    clientId, Boolean.TRUE.equals(rotatesRefreshTokens)));
        }
    }

    @Override
    public String kind() {
        return "file";
    }

    @Override
    public Optional<StoredSession> load(String profile) {
        return read(profile).flatMap(stored -> {
            if (stored.refreshToken() == null && KeychainSessionStore.KIND.equals(stored.store())) {
                log.warn("the session of profile {} is kept in the OS keychain, which does not answer now: start "
                        + "cognito-credsd where the keychain is unlocked, or sign in again", profile);
                return Optional.empty();
            }
            return stored.toSession(stored.refreshToken());
        });
    }

    @Override
    public void save(String profile, StoredSession session) {
        write(profile, SessionFile.of(profile, session, session.refreshToken(), kind()));
    }

    /** The profile's file as it is, or empty when absent or unreadable. */
    Optional<SessionFile> read(String profile) {
        Path file = file(profile);
        try {
            return Optional.of(JSON.readValue(Files.readAllBytes(file), SessionFile.class));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            // message names the file only: Jackson's would quote the content
            log.warn("ignoring unreadable session file {} ({})", file, e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    /** Replaces the profile's file atomically, mode 0600. */
    void write(String profile, SessionFile stored) {
        try {
            PrivateFiles.write(file(profile), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(stored));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write session file " + file(profile), e);
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

    /** {@code <profile>.json}; a name with characters a file name cannot hold (like '/') is URL-encoded. */
    private Path file(String profile) {
        return dir.resolve(URLEncoder.encode(profile, StandardCharsets.UTF_8) + ".json");
    }
}
