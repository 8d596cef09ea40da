package dev.cognitocreds.daemon.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cognitocreds.daemon.Failure;
import dev.cognitocreds.daemon.config.ProfileCatalog;
import dev.cognitocreds.daemon.config.ProfileTexts;
import dev.cognitocreds.daemon.config.Profiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryRoutingTest {

  private static final String ECR = "111122223333.dkr.ecr.us-east-2.amazonaws.com";

  @TempDir Path dir;
  private Path file;
  private ProfileCatalog catalog;
  private final RegistryRouting routing = new RegistryRouting();

  private void write(String acmeRegistries, String otherRegistries) throws Exception {
    Files.writeString(
        file,
        ProfileTexts.cognitoProfile("acme")
            + "cognito_registries = "
            + acmeRegistries
            + "\n"
            + ProfileTexts.cognitoProfile("other")
            + "cognito_registries = "
            + otherRegistries
            + "\n");
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(Files.size(file))));
  }

  @BeforeEach
  void configure() throws Exception {
    file = dir.resolve("config");
    write(ECR, "public.ecr.aws");
    catalog = new ProfileCatalog(file);
  }

  @Test
  void aNameIsWorkedOutOncePerReadingOfTheFile() {
    Profiles profiles = catalog.current();

    RegistryRouting.Route first = routing.route(profiles, "https://" + ECR, Optional.empty());
    assertThat(first.profile()).isEqualTo("acme");
    assertThat(first.registry().host()).isEqualTo(ECR);
    assertThat(routing.route(profiles, "https://" + ECR, Optional.empty()))
        .as("remembered")
        .isSameAs(first);
    assertThat(routing.route(profiles, ECR, Optional.empty()))
        .as("another form of the name is another entry, to the same place")
        .isEqualTo(first)
        .isNotSameAs(first);
  }

  @Test
  void aNewReadingOfTheFileWorksEveryNameOutAgain() throws Exception {
    Profiles before = catalog.current();
    assertThat(routing.route(before, ECR, Optional.empty()).profile()).isEqualTo("acme");

    write("public.ecr.aws", ECR);
    Profiles after = catalog.current();

    assertThat(after).isNotSameAs(before);
    assertThat(routing.route(after, ECR, Optional.empty()).profile()).isEqualTo("other");
  }

  @Test
  void theCallersAwsProfileIsPartOfTheName() throws Exception {
    write(ECR, ECR);
    Profiles profiles = catalog.current();

    assertThat(routing.route(profiles, ECR, Optional.empty()).profile()).isEqualTo("acme");
    assertThat(routing.route(profiles, ECR, Optional.of("other")).profile()).isEqualTo("other");
    assertThat(routing.route(profiles, ECR, Optional.empty()).profile()).isEqualTo("acme");
  }

  @Test
  void whatNoProfileServesIsRefusedAndWorkedOutAgainOnceItIsAdded() throws Exception {
    String elsewhere = "444455556666.dkr.ecr.eu-west-1.amazonaws.com";
    Profiles profiles = catalog.current();

    assertThatThrownBy(() -> routing.route(profiles, "docker.io", Optional.empty()))
        .isInstanceOfSatisfying(
            Failure.class, f -> assertThat(f.code()).isEqualTo("RegistryUnknown"));
    assertThatThrownBy(() -> routing.route(profiles, elsewhere, Optional.empty()))
        .isInstanceOfSatisfying(
            Failure.class, f -> assertThat(f.code()).isEqualTo("RegistryNotConfigured"));
    assertThatThrownBy(() -> routing.route(profiles, elsewhere, Optional.of("nobody")))
        .isInstanceOfSatisfying(
            Failure.class, f -> assertThat(f.code()).isEqualTo("RegistryNotConfigured"));

    write(ECR + " " + elsewhere, "public.ecr.aws");
    assertThat(routing.route(catalog.current(), elsewhere, Optional.empty()).profile())
        .isEqualTo("acme");
  }

  @Test
  void onlyAFewDozenNamesAreRememberedPerReadingAndTheRestStillAnswered() {
    Profiles profiles = catalog.current();
    for (int i = 0; i < RegistryRouting.MAX_REMEMBERED; i++) {
      routing.route(profiles, "https://" + ECR + "/v" + i, Optional.empty());
    }

    RegistryRouting.Route beyond = routing.route(profiles, ECR, Optional.empty());

    assertThat(beyond.profile()).isEqualTo("acme");
    assertThat(routing.route(profiles, ECR, Optional.empty()))
        .as("not remembered")
        .isNotSameAs(beyond)
        .isEqualTo(beyond);
  }
}
