package dev.cognitocreds.daemon.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cognitocreds.daemon.Failure;
import dev.cognitocreds.daemon.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileCatalogTest {

  private static final String ACME = ProfileTexts.cognitoProfile("acme");

  @TempDir Path dir;

  @Test
  void onlyProfilesWithCognitoKeysAreOurs() throws Exception {
    Path file = dir.resolve("config");
    Files.writeString(
        file,
        ACME
            + """
                [default]
                region = eu-west-1
                [profile sso]
                sso_start_url = https://example.awsapps.com/start
                """);

    Profiles profiles = new ProfileCatalog(file).current();

    assertThat(profiles.all()).extracting(ConfiguredProfile::name).containsExactly("acme");
    assertThat(profiles.require("acme").region())
        .as("region from the pool id")
        .isEqualTo("us-east-2");
    assertThat(profiles.defaultProfileName(Optional.empty())).isEqualTo("acme");
    assertThat(profiles.defaultProfileName(Optional.of("other"))).isEqualTo("other");
  }

  @Test
  void fileIsReReadWhenItChanges() throws Exception {
    Path file = dir.resolve("config");
    Files.writeString(file, ACME);
    ProfileCatalog catalog = new ProfileCatalog(file);
    assertThat(catalog.current().find("beta")).isEmpty();

    Files.writeString(file, ACME + ACME.replace("acme", "beta"));
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));

    assertThat(catalog.current().find("beta")).isPresent();
    assertThatThrownBy(() -> catalog.current().defaultProfileName(Optional.empty()))
        .isInstanceOfSatisfying(
            Failure.class,
            failure ->
                assertThat(failure)
                    .hasMessageContaining("--default-profile")
                    .hasMessageContaining("acme, beta"));
  }

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-30T07:00:00Z"));

  /** A catalog with the daemon's recheck interval that has read acme, and then beta is added. */
  private ProfileCatalog catalogReadBeforeBetaIsAdded() throws Exception {
    Path file = dir.resolve("config");
    Files.writeString(file, ACME);
    ProfileCatalog catalog = new ProfileCatalog(file, clock, Duration.ofSeconds(1));
    assertThat(catalog.current().find("beta")).isEmpty();

    Files.writeString(file, ACME + ACME.replace("acme", "beta"));
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
    return catalog;
  }

  @Test
  void theFileIsLookedAtAtMostOncePerRecheckInterval() throws Exception {
    ProfileCatalog catalog = catalogReadBeforeBetaIsAdded();

    clock.advance(Duration.ofMillis(999));
    assertThat(catalog.current().find("beta")).as("within the interval: not looked at").isEmpty();

    clock.advance(Duration.ofMillis(1));
    assertThat(catalog.current().find("beta")).as("a second later").isPresent();
  }

  @Test
  void lookedAtNowSeesAnEditWithinTheRecheckInterval() throws Exception {
    ProfileCatalog catalog = catalogReadBeforeBetaIsAdded();

    assertThat(catalog.lookedAtNow().find("beta")).isPresent();
    assertThat(catalog.current().find("beta")).as("and what it read is kept").isPresent();
  }

  @Test
  void missingFileMeansNoProfilesAndSaysSo() {
    ProfileCatalog catalog = new ProfileCatalog(dir.resolve("absent"));
    assertThatThrownBy(() -> catalog.current().require("acme"))
        .isInstanceOfSatisfying(
            Failure.class,
            failure -> {
              assertThat(failure.kind()).isEqualTo(Failure.Kind.PROFILE_NOT_FOUND);
              assertThat(failure).hasMessageContaining("does not exist");
            });
  }

  @Test
  void defaultProfileWinsWhenItIsOurs() throws Exception {
    Path file = dir.resolve("config");
    Files.writeString(file, ACME + ACME.replace("[profile acme]", "[default]"));
    assertThat(new ProfileCatalog(file).current().defaultProfileName(Optional.empty()))
        .isEqualTo("default");
  }
}
