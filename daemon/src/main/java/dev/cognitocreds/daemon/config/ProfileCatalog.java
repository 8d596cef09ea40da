package dev.cognitocreds.daemon.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.profiles.Profile;
import software.amazon.awssdk.profiles.ProfileFile;

/**
 * The AWS config file's cognito profiles, re-read whenever the file's modification time, size or
 * identity changes. The file is looked at (one stat) at most once per {@code recheck}: the
 * credential routes ask for the profiles on every request, and an edit a second old is fresh enough
 * for a person editing the file. A profile or registry that is not found is looked up again in
 * {@link #lookedAtNow()}: a script that runs {@code cognito-creds configure} and then pulls at once
 * must not be told the profile it has just added does not exist.
 */
public final class ProfileCatalog {

  private static final Logger log = LoggerFactory.getLogger(ProfileCatalog.class);

  private final Path file;
  private final ProfileValidator validator;
  private final Clock clock;
  private final Duration recheck;
  private volatile Loaded loaded;
  private volatile Instant checkAgainAt = Instant.MIN;

  private record Version(FileTime modified, long size, Object fileKey) {
    static final Version ABSENT = new Version(null, -1, null);
  }

  private record Loaded(Version version, Profiles profiles) {}

  /** Looks at the file on every call. */
  public ProfileCatalog(Path file) {
    this(file, Clock.systemUTC(), Duration.ZERO);
  }

  public ProfileCatalog(Path file, Clock clock, Duration recheck) {
    this.file = file;
    this.validator = new ProfileValidator(file);
    this.clock = clock;
    this.recheck = recheck;
  }

  public Path file() {
    return file;
  }

  /**
   * The profiles as last read, while they need no look at the file (it is looked at once per
   * recheck interval); empty when a look is due, which {@link #current()} then takes.
   */
  public Optional<Profiles> currentWithoutWaiting() {
    Loaded current = loaded;
    if (current == null || !clock.instant().isBefore(checkAgainAt)) {
      return Optional.empty();
    }
    return Optional.of(current.profiles());
  }

  /** The profiles as the file says now. */
  public Profiles current() {
    Optional<Profiles> lookedAtRecently = currentWithoutWaiting();
    if (lookedAtRecently.isPresent()) {
      return lookedAtRecently.get();
    }
    return lookedAtNow();
  }

  /** The profiles as the file says now, looking at it whatever the recheck interval. */
  public Profiles lookedAtNow() {
    Loaded current = loaded;
    checkAgainAt = clock.instant().plus(recheck);
    Version version = version();
    if (current != null && current.version().equals(version)) {
      return current.profiles();
    }
    synchronized (this) {
      if (loaded == null || !loaded.version().equals(version)) {
        loaded = new Loaded(version, read(version));
      }
      return loaded.profiles();
    }
  }

  private Version version() {
    try {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      return new Version(attributes.lastModifiedTime(), attributes.size(), attributes.fileKey());
    } catch (IOException e) {
      return Version.ABSENT;
    }
  }

  private Profiles read(Version version) {
    if (Version.ABSENT.equals(version)) {
      log.warn("AWS config file {} not found: no cognito profiles", file);
      return new Profiles(file, Map.of(), Optional.of(file + " does not exist"));
    }
    try {
      ProfileFile parsed =
          ProfileFile.builder().content(file).type(ProfileFile.Type.CONFIGURATION).build();
      Map<String, ConfiguredProfile> ours = new LinkedHashMap<>();
      for (Profile profile : parsed.profiles().values()) {
        Map<String, String> keys = profile.properties();
        if (keys.keySet().stream().anyMatch(key -> key.startsWith("cognito_"))) {
          ConfiguredProfile configured = validator.validate(profile.name(), keys);
          configured.problems().forEach(problem -> log.warn("invalid profile: {}", problem));
          configured.warnings().forEach(warning -> log.warn("{}", warning));
          ours.put(profile.name(), configured);
        }
      }
      log.info("read {}: cognito profiles {}", file, ours.keySet());
      return new Profiles(file, ours, Optional.empty());
    } catch (RuntimeException e) {
      if (e.getCause() instanceof NoSuchFileException) {
        return new Profiles(file, Map.of(), Optional.of(file + " does not exist"));
      }
      log.warn("cannot parse {}: {}", file, e.getMessage());
      return new Profiles(
          file, Map.of(), Optional.of("cannot parse " + file + ": " + e.getMessage()));
    }
  }
}
