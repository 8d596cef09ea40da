package dev.cognitocreds.client.setup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredHelpersFileTest {

  static final EcrRegistry REGISTRY =
      EcrRegistry.parse("111122223333.dkr.ecr.us-east-2.amazonaws.com");

  @TempDir Path tmp;

  Path file() {
    return tmp.resolve("docker").resolve("config.json");
  }

  @Test
  void mergesTheEntryKeepingUnknownKeysTheirOrderAndOtherHelpers() throws Exception {
    write(
        """
                {
                	"auths": {"ghcr.io": {"auth": "dXNlcjpwYXNz"}},
                	"credHelpers": {"gcr.io": "gcloud"},
                	"psFormat": "table {{.ID}}",
                	"ratio": 1.10,
                	"experimental": {"x": [1, 2, {"y": null}]}
                }
                """);

    apply(CredHelpersFile.plan(file(), REGISTRY, RegistryHelper.ECR_LOGIN));

    assertThat(Files.readString(file()))
        .isEqualTo(
            """
                {
                	"auths": {
                		"ghcr.io": {
                			"auth": "dXNlcjpwYXNz"
                		}
                	},
                	"credHelpers": {
                		"gcr.io": "gcloud",
                		"111122223333.dkr.ecr.us-east-2.amazonaws.com": "ecr-login"
                	},
                	"psFormat": "table {{.ID}}",
                	"ratio": 1.10,
                	"experimental": {
                		"x": [
                			1,
                			2,
                			{
                				"y": null
                			}
                		]
                	}
                }
                """);
    assertThat(CredHelpersFile.hasHelper(file(), REGISTRY, RegistryHelper.ECR_LOGIN)).isTrue();
  }

  @Test
  void createsAMissingFilePrivatelyAndKeepsABackupOfAnExistingOne() throws Exception {
    apply(CredHelpersFile.plan(file(), REGISTRY, RegistryHelper.ECR_LOGIN));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file())))
        .isEqualTo("rw-------");
    assertThat(file().resolveSibling("config.json.bak")).doesNotExist();

    String first = Files.readString(file());
    apply(
        CredHelpersFile.plan(
            file(),
            EcrRegistry.parse("444455556666.dkr.ecr.eu-west-1.amazonaws.com"),
            RegistryHelper.ECR_LOGIN));

    assertThat(Files.readString(file().resolveSibling("config.json.bak"))).isEqualTo(first);
    assertThat(Files.readString(file())).contains("111122223333", "444455556666");
  }

  @Test
  void replacesAnotherHelperForTheSameRegistryAndSaysSo() throws Exception {
    write("{\"credHelpers\": {\"111122223333.dkr.ecr.us-east-2.amazonaws.com\": \"desktop\"}}");

    String printed = apply(CredHelpersFile.plan(file(), REGISTRY, RegistryHelper.ECR_LOGIN));

    assertThat(printed)
        .contains(
            "~ credHelpers.111122223333.dkr.ecr.us-east-2.amazonaws.com: \"desktop\" -> ecr-login");
    assertThat(CredHelpersFile.hasHelper(file(), REGISTRY, RegistryHelper.ECR_LOGIN)).isTrue();
  }

  @Test
  void secondRunChangesNothing() throws Exception {
    apply(CredHelpersFile.plan(file(), REGISTRY, RegistryHelper.ECR_LOGIN));

    FileEdit again = CredHelpersFile.plan(file(), REGISTRY, RegistryHelper.ECR_LOGIN);

    assertThat(again.changesAnything()).isFalse();
  }

  @Test
  void refusesInvalidJsonNamingWhereWithoutQuotingTheFile() throws Exception {
    String broken = "{\n  \"auths\": {\"ghcr.io\": {\"auth\": dXNlcjpwYXNz}}\n}\n";
    write(broken);

    assertThatThrownBy(() -> CredHelpersFile.plan(file(), REGISTRY, RegistryHelper.ECR_LOGIN))
        .isInstanceOf(SetupException.class)
        .hasMessageContaining("line 2, column ")
        .hasMessageNotContaining("dXNlcjpwYXNz");
    assertThat(Files.readString(file())).isEqualTo(broken);
    assertThat(CredHelpersFile.hasHelper(file(), REGISTRY, RegistryHelper.ECR_LOGIN)).isFalse();
  }

  @Test
  void refusesDuplicateKeysRatherThanDroppingOne() throws Exception {
    write("{\"auths\": {}, \"auths\": {\"a\": {}}}");

    assertThatThrownBy(() -> CredHelpersFile.plan(file(), REGISTRY, RegistryHelper.ECR_LOGIN))
        .hasMessageContaining("line 1");
  }

  @Test
  void refusesAFileThatIsNotAnObjectOrHasOddCredHelpers() throws Exception {
    write("[1, 2]");
    assertThatThrownBy(() -> CredHelpersFile.plan(file(), REGISTRY, RegistryHelper.ECR_LOGIN))
        .hasMessageContaining("not hold a JSON object");

    write("{\"credHelpers\": \"ecr-login\"}");
    assertThatThrownBy(() -> CredHelpersFile.plan(file(), REGISTRY, RegistryHelper.ECR_LOGIN))
        .hasMessageContaining("\"credHelpers\" is not a JSON object");
  }

  @Test
  void treatsAnEmptyFileAsEmptyConfiguration() throws Exception {
    write("\n");

    apply(CredHelpersFile.plan(file(), REGISTRY, RegistryHelper.ECR_LOGIN));

    assertThat(CredHelpersFile.hasHelper(file(), REGISTRY, RegistryHelper.ECR_LOGIN)).isTrue();
  }

  private void write(String text) throws Exception {
    Files.createDirectories(file().getParent());
    Files.writeString(file(), text);
  }

  private static String apply(FileEdit edit) {
    StringWriter out = new StringWriter();
    edit.apply(false, new PrintWriter(out, true));
    return out.toString();
  }
}
