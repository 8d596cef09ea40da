package dev.cognitocreds.client.setup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

/**
 * The shipped unit and plist, as the installer renders them, checked by the tools that consume
 * them.
 */
class ServiceDefinitionFilesTest {

  static final Path UNIT = Path.of("..", "systemd", SystemdUnit.FILE_NAME);
  static final Path PLIST = Path.of("..", "launchd", LaunchAgent.FILE_NAME);

  @TempDir Path tmp;

  @Test
  void renderedUnitPassesSystemdAnalyzeVerifyWithoutAWarning() throws Exception {
    Path unit = renderUnit(Files.readString(UNIT));

    for (String scope : new String[] {"--system", "--user"}) {
      SystemdAnalyze.Result r =
          SystemdAnalyze.run(runtimeDir(), "verify", scope, "--man=no", unit.toString());
      assertThat(r.exitCode()).as("systemd-analyze verify %s: %s", scope, r.output()).isZero();
      assertThat(r.output()).as("warnings from systemd-analyze verify %s", scope).isBlank();
    }
  }

  @Test
  void verificationCatchesABrokenUnit() throws Exception {
    // Proves the check above can fail: systemd-analyze only warns (exit 0) about unknown keys.
    Path unit =
        renderUnit(
            Files.readString(UNIT)
                .replace("NoNewPrivileges=yes", "NoNewPrivileges=yes\nProtectEverything=yes"));

    SystemdAnalyze.Result r =
        SystemdAnalyze.run(runtimeDir(), "verify", "--user", "--man=no", unit.toString());

    assertThat(r.output()).contains("ProtectEverything");
  }

  @Test
  void unitRestartsOnFailureAndIsSandboxedWithoutBreakingTheJvmOrNetwork() throws Exception {
    String unit = Files.readString(UNIT);

    assertThat(unit)
        .contains(
            "\nRestart=on-failure\n",
            "\nNoNewPrivileges=yes\n",
            "\nProtectSystem=strict\n",
            "\nPrivateTmp=yes\n",
            "\nRestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX\n",
            "\nLockPersonality=yes\n",
            "\nRestrictRealtime=yes\n",
            "\nRestrictNamespaces=yes\n",
            "\nSystemCallArchitectures=native\n",
            "\nProtectKernelTunables=yes\n",
            "\nProtectKernelModules=yes\n",
            "\nProtectKernelLogs=yes\n",
            "\nProtectControlGroups=yes\n",
            "\nStateDirectory=cognito-creds\n",
            "\nRuntimeDirectory=cognito-creds\n",
            "\nWantedBy=default.target\n");
    assertThat(unit)
        .doesNotContainPattern("(?m)^IPAddressDeny=")
        .doesNotContainPattern("(?m)^MemoryDenyWriteExecute=");
  }

  @Test
  void unitExposureStaysLow() throws Exception {
    Path unit = renderUnit(Files.readString(UNIT));

    SystemdAnalyze.Result r =
        SystemdAnalyze.run(runtimeDir(), "security", "--user", "--offline=true", unit.toString());

    var m =
        java.util.regex.Pattern.compile("Overall exposure level for \\S+: (\\d+\\.\\d)")
            .matcher(r.output());
    assertThat(m.find()).as(r.output()).isTrue();
    assertThat(Double.parseDouble(m.group(1))).isLessThanOrEqualTo(4.0);
  }

  @Test
  void shippedPlistIsAWellFormedLaunchAgent() throws Exception {
    Map<String, Element> plist = parsePlist(Files.readString(PLIST));

    assertThat(text(plist.get("Label"))).isEqualTo(LaunchAgent.LABEL);
    assertThat(plist.get("ProgramArguments").getTagName()).isEqualTo("array");
    assertThat(text(firstChildElement(plist.get("ProgramArguments"))))
        .endsWith("/bin/cognito-credsd");
    assertThat(plist.get("RunAtLoad").getTagName()).isEqualTo("true");
    assertThat(plist).containsKey("KeepAlive");
    assertThat(text(plist.get("StandardOutPath"))).contains("/Library/Logs/");
    assertThat(text(plist.get("StandardErrorPath"))).contains("/Library/Logs/");
  }

  @Test
  void renderedPlistPointsAtThisInstallAndThisUser() throws Exception {
    String rendered =
        LaunchAgent.render(
            Files.readString(PLIST), Path.of("/opt/a&b/bin/cognito-credsd"), Path.of("/Users/ann"));

    Map<String, Element> plist = parsePlist(rendered);

    assertThat(text(firstChildElement(plist.get("ProgramArguments"))))
        .isEqualTo("/opt/a&b/bin/cognito-credsd");
    assertThat(text(plist.get("StandardErrorPath")))
        .isEqualTo("/Users/ann/Library/Logs/cognito-credsd.log");
  }

  @Test
  void renderedPlistWithAJavaHomeIsAPlistWithThatVariable() throws Exception {
    String rendered =
        LaunchAgent.render(
            Files.readString(PLIST),
            Path.of("/opt/cc/bin/cognito-credsd"),
            Path.of("/Users/ann"),
            Optional.of(Path.of("/Library/Java/A&B.jdk/Contents/Home")));

    Map<String, Element> plist = parsePlist(rendered);

    Element env = plist.get("EnvironmentVariables");
    assertThat(env.getTagName()).isEqualTo("dict");
    assertThat(text(firstChildElement(env))).isEqualTo("JAVA_HOME");
    assertThat(text(nextElement(firstChildElement(env))))
        .isEqualTo("/Library/Java/A&B.jdk/Contents/Home");
    assertThat(plist).containsKeys("ProgramArguments", "KeepAlive", "StandardErrorPath");
  }

  @Test
  void renderedUnitQuotesThePathAndCarriesAMovedAwsConfig() throws Exception {
    String rendered =
        SystemdUnit.render(
            Files.readString(UNIT),
            Path.of("/opt/100%/$x/bin/cognito-credsd"),
            Optional.of("/home/u/my aws/$config"),
            Optional.of(Path.of("/home/u/state")));

    assertThat(rendered)
        .contains("\nExecStart=\"/opt/100%%/$$x/bin/cognito-credsd\"\n")
        .contains("\nEnvironment=\"AWS_CONFIG_FILE=/home/u/my aws/$config\"\n")
        .contains("\nEnvironment=\"XDG_STATE_HOME=/home/u/state\"\n")
        .contains("\nReadWritePaths=\"/home/u/state/cognito-creds\"\n");
  }

  private Path renderUnit(String template) throws Exception {
    Path daemon = SystemdAnalyze.fakeDaemon(tmp);
    Path unit = tmp.resolve(SystemdUnit.FILE_NAME);
    Files.writeString(
        unit,
        SystemdUnit.render(
            template,
            daemon,
            Optional.of(tmp.resolve("config").toString()),
            Optional.of(tmp.resolve("state"))));
    return unit;
  }

  private Path runtimeDir() throws Exception {
    Path dir = tmp.resolve("runtime");
    if (!Files.exists(dir)) {
      Files.createDirectory(
          dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }
    return dir;
  }

  static Map<String, Element> parsePlist(String xml) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    // The DOCTYPE names Apple's DTD by URL: never fetch it, never expand external entities.
    f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    f.setFeature("http://xml.org/sax/features/external-general-entities", false);
    f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
    f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    f.setExpandEntityReferences(false);
    Element root =
        f.newDocumentBuilder().parse(new InputSource(new StringReader(xml))).getDocumentElement();
    assertThat(root.getTagName()).isEqualTo("plist");
    Element dict = firstChildElement(root);
    assertThat(dict.getTagName()).isEqualTo("dict");
    Map<String, Element> entries = new LinkedHashMap<>();
    for (Element key = firstChildElement(dict); key != null; key = nextElement(key)) {
      assertThat(key.getTagName()).as("plist dict alternates key and value").isEqualTo("key");
      Element value = nextElement(key);
      assertThat(value).as("value of %s", key.getTextContent()).isNotNull();
      entries.put(key.getTextContent(), value);
      key = value;
    }
    return entries;
  }

  private static Element firstChildElement(Element e) {
    for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element el) {
        return el;
      }
    }
    return null;
  }

  private static Element nextElement(Element e) {
    for (Node n = e.getNextSibling(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element el) {
        return el;
      }
    }
    return null;
  }

  private static String text(Element e) {
    return e.getTextContent();
  }
}
