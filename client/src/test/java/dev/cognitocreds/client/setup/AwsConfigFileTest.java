package dev.cognitocreds.client.setup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AwsConfigFileTest {

  static final String OTHERS =
      """
            # my settings, keep this comment
            [default]
            region = eu-west-1
            output = json

            [profile work]   ; inline comment
            sso_session = corp
            s3 =
              max_concurrent_requests = 20

            """;

  @TempDir Path tmp;

  Path config() {
    return tmp.resolve("aws").resolve("config");
  }

  @Test
  void createsAMissingFileAndFolderPrivately() throws Exception {
    apply(AwsConfigFile.plan(config(), "acme", keys("region", "us-east-2"), Set.of()));

    assertThat(Files.readString(config())).isEqualTo("[profile acme]\nregion = us-east-2\n");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config())))
        .isEqualTo("rw-------");
    assertThat(config().resolveSibling("config.bak")).doesNotExist();
  }

  @Test
  void appendsANewProfileAndKeepsEveryOtherByteAndAFileModeAndABackup() throws Exception {
    write(OTHERS);
    Files.setPosixFilePermissions(config(), PosixFilePermissions.fromString("rw-r--r--"));

    apply(
        AwsConfigFile.plan(
            config(), "acme", keys("region", "us-east-2", "cognito_client_id", "abc"), Set.of()));

    assertThat(Files.readString(config()))
        .isEqualTo(OTHERS + "[profile acme]\nregion = us-east-2\ncognito_client_id = abc\n");
    assertThat(Files.readString(config().resolveSibling("config.bak"))).isEqualTo(OTHERS);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config())))
        .isEqualTo("rw-r--r--");
  }

  @Test
  void updatesKeysInPlaceAndAddsMissingOnesAfterTheLastKeyOfTheSection() throws Exception {
    write(
        """
                [profile acme]
                # publisher pool
                region = us-west-2
                credential_process = old
                  continued
                output = text

                # about work
                [profile work]
                region = eu-west-1
                """);

    FileEdit edit =
        AwsConfigFile.plan(
            config(),
            "acme",
            keys(
                "region",
                "us-east-2",
                "credential_process",
                "/opt/x/bin/cognito-creds credential-process --profile acme",
                "cognito_client_id",
                "abc"),
            Set.of());
    apply(edit);

    assertThat(Files.readString(config()))
        .isEqualTo(
            """
                [profile acme]
                # publisher pool
                region = us-east-2
                credential_process = /opt/x/bin/cognito-creds credential-process --profile acme
                output = text
                cognito_client_id = abc

                # about work
                [profile work]
                region = eu-west-1
                """);
    assertThat(edit.changes())
        .containsExactly(
            "[profile acme] ~ region: us-west-2 -> us-east-2",
            "[profile acme] ~ credential_process: (hidden) -> /opt/x/bin/cognito-creds credential-process --profile acme",
            "[profile acme] + cognito_client_id = abc");
  }

  @Test
  void editsTheDefaultProfileUnderItsOwnHeaderOnly() throws Exception {
    write(OTHERS);

    apply(AwsConfigFile.plan(config(), "default", keys("region", "us-east-2"), Set.of()));

    assertThat(Files.readString(config()))
        .isEqualTo(OTHERS.replace("region = eu-west-1", "region = us-east-2"));
  }

  @Test
  void keepsWindowsLineEndingsAndAMissingFinalNewline() throws Exception {
    write("[profile work]\r\nregion = eu-west-1");

    apply(AwsConfigFile.plan(config(), "work", keys("cognito_client_id", "abc"), Set.of()));

    assertThat(Files.readString(config()))
        .isEqualTo("[profile work]\r\nregion = eu-west-1\r\ncognito_client_id = abc\r\n");
  }

  @Test
  void runningTwiceChangesNothingTheSecondTime() throws Exception {
    write(OTHERS);
    Map<String, String> keys = keys("region", "us-east-2", "cognito_user_pool_id", "us-east-2_abc");
    apply(AwsConfigFile.plan(config(), "acme", keys, Set.of()));
    Files.delete(config().resolveSibling("config.bak"));
    String once = Files.readString(config());

    FileEdit again = AwsConfigFile.plan(config(), "acme", keys, Set.of());
    String printed = apply(again);

    assertThat(again.changesAnything()).isFalse();
    assertThat(printed).contains("nothing to change");
    assertThat(Files.readString(config())).isEqualTo(once);
    assertThat(config().resolveSibling("config.bak")).doesNotExist();
  }

  @Test
  void refusesAFileItCannotParseNamingLineAndColumnAndLeavesItAlone() throws Exception {
    String broken = "[profile work]\nregion = eu-west-1\n  \nthis line has no equals sign\n";
    write(broken);

    assertThatThrownBy(
            () -> AwsConfigFile.plan(config(), "acme", keys("region", "us-east-2"), Set.of()))
        .isInstanceOf(SetupException.class)
        .hasMessageContaining("line 4, column 1")
        .hasMessageContaining("left unchanged");
    assertThat(Files.readString(config())).isEqualTo(broken);
  }

  @Test
  void leavesSsoSessionsAndServicesSectionsAloneEvenWithTheProfilesName() throws Exception {
    String others =
        "[sso-session acme]\nsso_region = us-east-1\n\n[services acme]\ns3 =\n  endpoint_url = http://x\n";
    write(others);

    apply(AwsConfigFile.plan(config(), "acme", keys("region", "us-east-2"), Set.of()));

    assertThat(Files.readString(config()))
        .isEqualTo(others + "\n[profile acme]\nregion = us-east-2\n");
    assertThat(AwsConfigFile.read(config())).containsOnlyKeys("acme");
  }

  @Test
  void setsEveryOccurrenceOfARepeatedKeySoTheLastOneReadIsRight() throws Exception {
    write("[profile acme]\nregion = a\noutput = json\nregion = b\n");

    apply(AwsConfigFile.plan(config(), "acme", keys("region", "us-east-2"), Set.of()));

    assertThat(Files.readString(config()))
        .isEqualTo("[profile acme]\nregion = us-east-2\noutput = json\nregion = us-east-2\n");
    assertThat(AwsConfigFile.read(config()).get("acme")).containsEntry("region", "us-east-2");
  }

  @Test
  void refusesABrokenSectionHeader() throws Exception {
    write("[profile work\nregion = eu-west-1\n");

    assertThatThrownBy(
            () -> AwsConfigFile.plan(config(), "acme", keys("region", "us-east-2"), Set.of()))
        .hasMessageContaining("line 1, column 1");
  }

  @Test
  void neverPrintsASecretValue() throws Exception {
    write("[profile acme]\ncognito_client_secret = oldsecret\n");

    FileEdit edit =
        AwsConfigFile.plan(
            config(),
            "acme",
            keys("cognito_client_secret", "newsecret"),
            ProfileSettings.SECRET_KEYS);
    String printed = apply(edit);

    assertThat(printed)
        .contains("cognito_client_secret")
        .doesNotContain("oldsecret")
        .doesNotContain("newsecret");
    assertThat(Files.readString(config())).contains("cognito_client_secret = newsecret");
  }

  @Test
  void dryRunPrintsTheChangeAndWritesNothing() throws Exception {
    write(OTHERS);
    StringWriter out = new StringWriter();

    AwsConfigFile.plan(config(), "acme", keys("region", "us-east-2"), Set.of())
        .apply(true, new PrintWriter(out, true));

    assertThat(out.toString()).contains("dry run").contains("+ region = us-east-2");
    assertThat(Files.readString(config())).isEqualTo(OTHERS);
    assertThat(config().resolveSibling("config.bak")).doesNotExist();
  }

  @Test
  void runWithSudoTheFileAndItsBackupStayThePersonsOwn() throws Exception {
    Assumptions.assumeTrue(
        "root".equals(System.getProperty("user.name")),
        "needs root to hand a file to another user");
    write(OTHERS);
    Files.setAttribute(config(), "unix:uid", 65534);
    Files.setAttribute(config(), "unix:gid", 65534);

    apply(AwsConfigFile.plan(config(), "acme", keys("region", "us-east-2"), Set.of()));

    assertThat(Files.getAttribute(config(), "unix:uid")).isEqualTo(65534);
    assertThat(Files.getAttribute(config(), "unix:gid")).isEqualTo(65534);
    assertThat(Files.getAttribute(config().resolveSibling("config.bak"), "unix:uid"))
        .isEqualTo(65534);
    assertThat(Files.readString(config())).endsWith("[profile acme]\nregion = us-east-2\n");
  }

  @Test
  void aFileChangedSincePlanningIsNotOverwritten() throws Exception {
    write(OTHERS);
    FileEdit edit = AwsConfigFile.plan(config(), "acme", keys("region", "us-east-2"), Set.of());
    Files.writeString(config(), OTHERS + "# saved by an editor meanwhile\n");

    assertThatThrownBy(() -> apply(edit))
        .isInstanceOf(SetupException.class)
        .hasMessageContaining("changed while");
    assertThat(Files.readString(config())).endsWith("# saved by an editor meanwhile\n");
  }

  @Test
  void writesThroughASymlinkedDotfile() throws Exception {
    Path real = tmp.resolve("dotfiles").resolve("aws-config");
    Files.createDirectories(real.getParent());
    Files.writeString(real, OTHERS);
    Files.createDirectories(config().getParent());
    Files.createSymbolicLink(config(), real);

    apply(AwsConfigFile.plan(config(), "acme", keys("region", "us-east-2"), Set.of()));

    assertThat(Files.isSymbolicLink(config())).isTrue();
    assertThat(Files.readString(real)).endsWith("[profile acme]\nregion = us-east-2\n");
  }

  @Test
  void readsAKeyAsAwsToolsWould() throws Exception {
    write(OTHERS + "[profile acme]\nregion = a\n[profile acme]\nregion = b\n");

    Map<String, Map<String, String>> profiles = AwsConfigFile.read(config());

    assertThat(profiles).containsOnlyKeys("default", "work", "acme");
    assertThat(profiles.get("acme")).containsExactly(Map.entry("region", "b"));
    assertThat(profiles.get("work")).containsEntry("sso_session", "corp").containsEntry("s3", "");
  }

  private void write(String text) throws Exception {
    Files.createDirectories(config().getParent());
    Files.writeString(config(), text);
  }

  private static String apply(FileEdit edit) {
    StringWriter out = new StringWriter();
    edit.apply(false, new PrintWriter(out, true));
    return out.toString();
  }

  private static Map<String, String> keys(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }
}
