package dev.lockwatch.cli;

import dev.lockwatch.audit.AuditLog;
import dev.lockwatch.audit.AuditReader;
import dev.lockwatch.lock.LockReport;
import dev.lockwatch.lock.LockScanner;
import dev.lockwatch.process.ProcessProbe;
import dev.lockwatch.process.Signaller;
import dev.lockwatch.restart.GatewayLocator;
import dev.lockwatch.restart.RestartFlow;
import dev.lockwatch.restart.RestartListener;
import dev.lockwatch.restart.RestartOutcome;
import dev.lockwatch.restart.RestartPhase;
import dev.lockwatch.restart.RestartPlan;
import dev.lockwatch.restart.RestartPlanner;
import dev.lockwatch.restart.RestartReport;
import dev.lockwatch.restart.SignalChoice;
import dev.lockwatch.watch.LockStore;
import dev.lockwatch.watch.LockWatchService;
import java.io.Console;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import dev.lockwatch.engine.EngineAssembly;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "restart", mixinStandardHelpOptions = true,
        description = {"Restart the OpenClaw gateway with its restart signal, after proving the pid is that gateway,",
            "and confirm that the session locks it held were released.",
            "Exit 0 released, 3 survivors, 4 refused or no verified gateway, 5 signal failed,",
            "6 gateway not restarted, 7 gateway gone, 2 usage."})
final class RestartCommand implements java.util.concurrent.Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--signal", paramLabel = "auto|SIGUSR1|SIGUSR2",
            description = "auto (default) picks by the gateway's OpenClaw version: SIGUSR1 up to 2026.9.5, SIGUSR2 from 2026.9.6.")
    SignalChoice signal = SignalChoice.AUTO;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = Durations.class,
            description = "How long to wait for the release (default: 60s; the gateway may drain running work first).")
    Duration timeout = Duration.ofSeconds(60);

    @Option(names = "--state-dir", paramLabel = "DIR", description = "The gateway's state dir (default: $OPENCLAW_STATE_DIR or ~/.openclaw).")
    Path stateDir;

    @Option(names = "--lock-dir", paramLabel = "DIR", description = "Search only DIR for gateway locks.")
    Path lockDir;

    @Mixin
    StaleAfterOption staleAfter;

    @Option(names = "--audit-log", paramLabel = "FILE", description = "Audit log (default: ${DEFAULT-VALUE}).")
    Path auditLog = AuditLog.defaultFile();

    @Option(names = "--yes", description = "Do not ask for confirmation.")
    boolean yes;

    @Mixin
    JsonOption jsonOption;

    @Parameters(paramLabel = "PATH", arity = "0..*", description = "Session lock roots to confirm (default: the state dir).")
    List<Path> paths = List.of();

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean json = jsonOption.json;
        List<Path> roots = !paths.isEmpty() ? paths : stateDir != null ? List.of(stateDir) : ScanCommand.Roots.resolve(List.of()).paths();
        EngineAssembly engine = EngineAssembly.forCli(roots, staleAfter.staleAfter);
        Clock clock = engine.clock();
        ProcessProbe probe = engine.probe();
        LockScanner scanner = engine.scanner();
        LockStore store = engine.newStore();
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lockwatch-scheduler");
            t.setDaemon(true);
            return t;
        });
        LockWatchService service = engine.watchService(scanner, store, scheduler);
        try {
            CountDownLatch ready = new CountDownLatch(1);
            service.addStateListener(s -> {
                if (!s.scanning()) {
                    ready.countDown();
                }
            });
            service.start(roots);
            if (!ready.await(60, TimeUnit.SECONDS)) {
                err.println("lockwatch: the initial scan of " + SafeText.terminal(roots.toString()) + " did not finish within 60 s");
            }
            GatewayLocator gateways = new GatewayLocator(Optional.ofNullable(stateDir), Optional.ofNullable(lockDir), probe);
            List<LockReport> locks = store.snapshot();
            RestartPlan plan = RestartPlanner.plan(gateways.discover(), signal, locks,
                    pid -> AuditReader.lastSignalled(auditLog, pid), clock.instant());
            if (!json || !yes) {
                printPlan(plan, json ? err : out);
            }
            if (!plan.refused() && !yes && !confirmed(plan, err)) {
                err.println("lockwatch: nothing sent");
                return RestartOutcome.REFUSED.exitCode();
            }
            RestartFlow flow = new RestartFlow(gateways, new Signaller(), scanner, store, new AuditLog(auditLog, clock), clock,
                    timeout, Duration.ofSeconds(10));
            RestartReport report = flow.run(plan, json ? RestartListener.NONE : progress(out));
            if (json) {
                out.println(Json.pretty(RestartJson.report(report)));
            } else {
                printOutcome(report, out);
            }
            return report.outcome().exitCode();
        } finally {
            service.close();
            scheduler.shutdownNow();
        }
    }

    private boolean confirmed(RestartPlan plan, PrintWriter err) {
        Console console = System.console();
        if (console == null) {
            err.println("lockwatch: not a terminal, so there is no one to confirm the plan: pass --yes");
            return false;
        }
        String answer = console.readLine("Send %s to pid %d? [y/N] ", plan.signal(), plan.gateway().hostPid());
        return answer != null && (answer.strip().equalsIgnoreCase("y") || answer.strip().equalsIgnoreCase("yes"));
    }

    static void printPlan(RestartPlan plan, PrintWriter out) {
        if (plan.gateway() != null) {
            var g = plan.gateway();
            out.println("Gateway:  " + SafeText.terminal(g.lockPath().toString()));
            out.println("          pid " + g.pid() + (g.nested() ? " in its container, " + g.hostPid() + " on this host" : "")
                    + ", OpenClaw " + (g.version() == null ? "version unknown" : SafeText.terminal(g.version()))); // from a package.json
            out.println("          " + SafeText.terminal(g.why()));
        }
        if (plan.refused()) {
            out.println("Refused:  " + SafeText.terminal(plan.refusal()));
            return;
        }
        out.println("Signal:   " + plan.signal());
        out.println("Tracked:  " + plan.tracked().size() + " session lock" + (plan.tracked().size() == 1 ? "" : "s") + " held by pid "
                + plan.gateway().hostPid());
        plan.tracked().forEach(l -> out.println("          " + SafeText.terminal(l.path().toString()) + " (" + l.verdict().word() + ")"));
        plan.warnings().forEach(w -> out.println("Warning:  " + SafeText.terminal(w)));
        out.flush();
    }

    private static RestartListener progress(PrintWriter out) {
        return new RestartListener() {
            @Override
            public void phase(RestartPhase phase, String message) {
                if (!phase.terminal()) {
                    out.println("[" + phase.name().toLowerCase() + "] " + SafeText.terminal(message));
                    out.flush();
                }
            }

            @Override
            public void released(Path lock, long afterMs) {
                out.println("released after " + afterMs + " ms: " + SafeText.terminal(lock.toString()));
                out.flush();
            }
        };
    }

    private static void printOutcome(RestartReport r, PrintWriter out) {
        out.println("Outcome:  " + r.outcome().word() + ": " + SafeText.terminal(r.message()));
        for (LockReport s : r.survivors()) {
            out.println("Survivor: " + SafeText.terminal(s.path().toString()) + " " + s.verdict().word() + " "
                    + ScanJson.words(s.reasons()) + (s.note() == null ? "" : " " + SafeText.terminal(s.note())));
        }
    }
}
