package dev.lockwatch.cli;

import dev.lockwatch.demo.DemoGateway;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "demo-gateway", mixinStandardHelpOptions = true,
        description = {
            "Run a stand-in for an OpenClaw 2026.7.x gateway until SIGTERM or Ctrl-C.",
            "It writes a gateway lock, a config and N session locks held open, exactly as OpenClaw does, and restarts "
                + "in place (same pid) on SIGUSR1.",
            "--mode release: a restart releases the session locks and takes new ones about a second later.",
            "--mode leak: a restart leaves them on disk, naming the live pid, held open by nobody (OpenClaw's bug).",
            "Prints 'ready pid=<pid>' once everything is written and 'restarted pid=<pid>' after each restart. On "
                + "SIGTERM/SIGINT it removes its gateway lock and session locks and exits 0."})
final class DemoGatewayCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--state-dir", paramLabel = "DIR", required = true,
            description = "The state dir to write into (created when missing). Use a scratch dir, not your real ~/.openclaw.")
    Path stateDir;

    @Option(names = "--sessions", paramLabel = "N", defaultValue = "2", description = "Session locks to hold (default: ${DEFAULT-VALUE}).")
    int sessions;

    @Option(names = "--mode", paramLabel = "release|leak", defaultValue = "release", converter = ModeConverter.class,
            completionCandidates = ModeConverter.class,
            description = "What a restart does to the session locks (default: ${DEFAULT-VALUE}).")
    DemoGateway.Mode mode;

    @Option(names = "--agent", paramLabel = "ID", defaultValue = "main", description = "The agent id (default: ${DEFAULT-VALUE}).")
    String agent;

    @Override
    public Integer call() throws Exception {
        DemoGateway gateway;
        try {
            gateway = new DemoGateway(stateDir, sessions, mode, agent, Clock.systemUTC());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        return gateway.run(spec.commandLine().getOut());
    }

    static final class ModeConverter implements CommandLine.ITypeConverter<DemoGateway.Mode>, Iterable<String> {
        @Override
        public DemoGateway.Mode convert(String value) {
            try {
                return DemoGateway.Mode.valueOf(value.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a mode: use release or leak");
            }
        }

        @Override
        public Iterator<String> iterator() {
            return List.of("release", "leak").iterator();
        }
    }
}
