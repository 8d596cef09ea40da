package dev.cognitocreds.client.setup;

import dev.cognitocreds.client.ClientException;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs a command as the root command would: ClientException → its message on stderr, its exit code. */
record CliRun(int exitCode, String out, String err) {

    static CliRun of(Object command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(command)
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .setExecutionExceptionHandler((ex, cmd, parsed) -> {
                    if (ex instanceof ClientException ce) {
                        cmd.getErr().println(ce.getMessage());
                        return ce.exitCode();
                    }
                    throw ex;
                });
        int code = cli.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }
}
