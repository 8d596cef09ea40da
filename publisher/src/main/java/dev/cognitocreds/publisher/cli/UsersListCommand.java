package dev.cognitocreds.publisher.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.cognitocreds.publisher.setup.AwsClients;
import dev.cognitocreds.publisher.users.UserDirectory;
import dev.cognitocreds.publisher.users.UserSummary;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "list", description = "Lists the users: status, licence, created, last change.")
final class UsersListCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin SetupMixin setup;

  @Option(names = "--json")
  boolean json;

  @Override
  public Integer call() {
    List<UserSummary> users;
    try (AwsClients aws = new AwsClients(setup.options.setup())) {
      users = new UserDirectory(aws.userPools(), aws.setup().userPoolIdOrFail()).list();
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      ArrayNode list = Output.array();
      for (UserSummary u : users) {
        list.addObject()
            .put("username", u.username())
            .put("email", u.email().orElse(null))
            .put("status", u.status())
            .put("enabled", u.enabled())
            .put("licensed", u.licensed())
            .put("created", String.valueOf(u.created()))
            .put("lastModified", String.valueOf(u.lastModified()));
      }
      var document = Output.object();
      document.set("users", list);
      out.print(Output.json(document));
    } else {
      out.printf(
          "%-24s %-22s %-9s %-21s %s%n",
          "USERNAME", "STATUS", "LICENSED", "CREATED", "LAST CHANGE");
      for (UserSummary u : users) {
        out.printf(
            "%-24s %-22s %-9s %-21s %s%n",
            u.username(),
            u.enabled() ? u.status() : u.status() + " (disabled)",
            u.licensed() ? "yes" : "no",
            u.created(),
            u.lastModified());
      }
    }
    out.flush();
    return 0;
  }
}
