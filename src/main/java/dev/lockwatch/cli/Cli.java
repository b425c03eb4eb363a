package dev.lockwatch.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/** Runs the CLI; never touches JavaFX. */
public final class Cli {
    private Cli() {
    }

    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new LockwatchCommand());
        cli.setCaseInsensitiveEnumValuesAllowed(true); // --signal auto, as documented
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            err.println("lockwatch: " + SafeText.terminal(String.valueOf(e.getMessage())));
            org.slf4j.LoggerFactory.getLogger(Cli.class).debug("command failed", e);
            return LockwatchCommand.USAGE;
        });
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }
}
