package dev.cognitocreds.daemon.store;

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

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record SessionFile(String profile, String refreshToken, String username, String sub, String identityId,
                       String userPoolId, String clientId, String store) {
    }

    @Override
    public String kind() {
        return "file";
    }

    @Override
    public Optional<StoredSession> load(String profile) {
        Path file = file(profile);
        try {
            SessionFile stored = JSON.readValue(Files.readAllBytes(file), SessionFile.class);
            if (stored.refreshToken() == null || stored.username() == null) {
                log.warn("ignoring session file {}: it has no refresh token or username", file);
                return Optional.empty();
            }
            return Optional.of(new StoredSession(stored.refreshToken(), stored.username(), stored.sub(),
                    Optional.ofNullable(stored.identityId()), stored.userPoolId(), stored.clientId()));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            // message names the file only: Jackson's would quote the content
            log.warn("ignoring unreadable session file {} ({})", file, e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    @Override
    public void save(String profile, StoredSession session) {
        SessionFile stored = new SessionFile(profile, session.refreshToken(), session.username(), session.sub(),
                session.identityId().orElse(null), session.userPoolId(), session.clientId(), kind());
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
