package dev.cognitocreds.daemon.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The look-ahead keeps the profiles at hand for the selector: without it, the first request after a
 * quiet recheck interval finds a look at the file due and goes to a worker for it.
 */
class CatalogLookAheadTest {

  private static final String ACME = ProfileTexts.cognitoProfile("acme");

  /** Short, so the test takes a fraction of a second; the daemon's is a second. */
  private static final Duration RECHECK = Duration.ofMillis(100);

  @TempDir Path dir;

  private ProfileCatalog catalogThatHasRead(Path file) throws Exception {
    Files.writeString(file, ACME);
    ProfileCatalog catalog = new ProfileCatalog(file, Clock.systemUTC(), RECHECK);
    assertThat(catalog.current().find("acme")).isPresent();
    return catalog;
  }

  @Test
  void withoutItTheProfilesAreNoLongerAtHandAfterAQuietInterval() throws Exception {
    ProfileCatalog catalog = catalogThatHasRead(dir.resolve("config"));

    await().atMost(Duration.ofSeconds(5)).until(() -> catalog.currentWithoutWaiting().isEmpty());
  }

  @Test
  void theProfilesStayAtHandThroughQuietIntervals() throws Exception {
    ProfileCatalog catalog = catalogThatHasRead(dir.resolve("config"));

    CatalogLookAhead lookAhead = CatalogLookAhead.start(catalog, RECHECK);
    try {
      await()
          .during(RECHECK.multipliedBy(8))
          .atMost(RECHECK.multipliedBy(20))
          .until(() -> catalog.currentWithoutWaiting().isPresent());
    } finally {
      lookAhead.close();
    }
  }

  @Test
  void anEditIsSeenWithoutARequestAskingForIt() throws Exception {
    Path file = dir.resolve("config");
    ProfileCatalog catalog = catalogThatHasRead(file);

    CatalogLookAhead lookAhead = CatalogLookAhead.start(catalog, RECHECK);
    try {
      Files.writeString(file, ACME + ACME.replace("acme", "beta"));
      Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));

      await()
          .atMost(Duration.ofSeconds(5))
          .until(
              () ->
                  catalog
                      .currentWithoutWaiting()
                      .flatMap(profiles -> profiles.find("beta"))
                      .isPresent());
    } finally {
      lookAhead.close();
    }
  }

  @Test
  void closingStopsTheLooks() throws Exception {
    ProfileCatalog catalog = catalogThatHasRead(dir.resolve("config"));
    CatalogLookAhead.start(catalog, RECHECK).close();

    await().atMost(Duration.ofSeconds(5)).until(() -> catalog.currentWithoutWaiting().isEmpty());
  }
}
