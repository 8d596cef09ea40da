package dev.cognitocreds.client.setup;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognitocreds.client.ClientCommand;
import dev.cognitocreds.contract.ExitCodes;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cognito-creds doctor}: every step between this install and a working {@code docker pull}.
 */
@Command(
    name = "doctor",
    description = {
      "Check everything a pull needs, one line each with the fix.",
      "Exits 1 when something a pull needs is missing."
    })
public final class DoctorCommand extends ClientCommand {

  @Option(names = "--json", description = "Print the checks as JSON, for scripts.")
  boolean json;

  @Option(
      names = "--profile",
      description = "Check only this profile (default: every cognito profile).")
  String profile;

  @Override
  public Integer call() {
    UserEnvironment env = UserEnvironment.of(context());
    List<Check> checks =
        new Doctor(
                env,
                context().daemon(),
                context().clock(),
                Optional.ofNullable(profile),
                new PathCommandRunner(env.env().get("PATH"), new ProcessCommandRunner()))
            .run();
    boolean ok = checks.stream().noneMatch(Check::critical);
    if (json) {
      out().println(toJson(checks, ok));
    } else {
      boolean unicode = unicodeOutput();
      checks.forEach(c -> out().println(c.line(unicode)));
      out()
          .println(
              ok
                  ? "Ready to pull."
                  : "Not ready: fix what is marked "
                      + (unicode ? "✘" : "FAIL")
                      + " above, then run doctor again.");
    }
    out().flush();
    return ok ? ExitCodes.OK : ExitCodes.ERROR;
  }

  /** Without a UTF-8 locale (cron, env -i, some CI) the JVM would print the marks as '?'. */
  private boolean unicodeOutput() {
    Map<String, String> env = context().env();
    for (String name : new String[] {"LC_ALL", "LC_CTYPE", "LANG"}) {
      String value = env.get(name);
      if (value != null && !value.isEmpty()) {
        return value.toUpperCase(Locale.ROOT).replace("-", "").contains("UTF8");
      }
    }
    return false;
  }

  private static String toJson(List<Check> checks, boolean ok) {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = mapper.createObjectNode();
    root.put("ok", ok);
    ArrayNode list = root.putArray("checks");
    for (Check c : checks) {
      ObjectNode node = list.addObject();
      node.put("name", c.name());
      node.put("status", c.outcome().name().toLowerCase(Locale.ROOT));
      node.put("critical", c.critical());
      node.put("detail", c.detail());
      node.put("fix", c.fix());
    }
    return root.toString();
  }
}
