package dev.lockwatch.cli;

import dev.lockwatch.gateway.GatewayDiscovery;
import dev.lockwatch.gateway.GatewayInfo;
import dev.lockwatch.lock.Ages;
import dev.lockwatch.process.ProcessProbes;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "gateway", mixinStandardHelpOptions = true,
        description = {
            "Find the OpenClaw gateway by its gateway lock and prove who it is: its pid is alive and its starttime "
                + "matches the lock (or, with no starttime, its command line is a gateway's).",
            "Shows its version, the signal that restarts it and whether its config allows restarts. Sends nothing.",
            "Exit 0 when at least one gateway is verified, 4 when none is (or none was found), 2 for a usage error."})
final class GatewayCommand implements Callable<Integer> {
    /** Exit code: no gateway lock found, or none of them names a verified gateway. */
    static final int NO_VERIFIED_GATEWAY = 4;

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print one JSON document.")
    boolean json;

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "The OpenClaw state dir (default: $OPENCLAW_STATE_DIR or ~/.openclaw); its tmp/openclaw-<uid>/ is searched "
                    + "besides <tmpdir>/openclaw-<uid>/.")
    Path stateDir;

    @Option(names = "--lock-dir", paramLabel = "DIR",
            description = "Search only this dir, for every gateway*.lock in it (e.g. another user's /tmp/openclaw-<uid>).")
    Path lockDir;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (lockDir != null && !Files.isDirectory(lockDir)) {
            err.println("lockwatch: " + SafeText.terminal(lockDir.toString()) + ": "
                    + (Files.exists(lockDir) ? "not a directory" : "no such directory"));
            return LockwatchCommand.USAGE;
        }
        Optional<Path> state = Optional.ofNullable(stateDir);
        Optional<Path> locks = Optional.ofNullable(lockDir);
        List<GatewayInfo> gateways = GatewayDiscovery.find(state, locks, ProcessProbes.forThisPlatform());
        if (json) {
            out.println(Json.pretty(document(gateways)));
        } else {
            out.print(human(gateways, Instant.now()));
        }
        if (gateways.isEmpty()) {
            String where = GatewayDiscovery.searchDirs(state, locks, System.getenv()).stream().map(Path::toString)
                    .collect(Collectors.joining(", "));
            err.println("lockwatch: no gateway lock found (looked in " + SafeText.terminal(where) + ")");
        }
        return gateways.stream().anyMatch(GatewayInfo::verified) ? LockwatchCommand.OK : NO_VERIFIED_GATEWAY;
    }

    /** The JSON contract: {@code {"gateways": [...]}}, field names and order as in the README. */
    static Map<String, Object> document(List<GatewayInfo> gateways) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("gateways", gateways.stream().map(GatewayCommand::json).toList());
        return doc;
    }

    static Map<String, Object> json(GatewayInfo g) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("lockPath", g.lockPath().toString());
        json.put("pid", g.pid());
        json.put("hostPid", g.hostPid());
        json.put("createdAt", g.createdAtRaw());
        json.put("configPath", g.configPath());
        json.put("verified", g.verified());
        json.put("why", g.why());
        json.put("version", g.version());
        json.put("command", g.command());
        json.put("restartSignal", g.restartSignal() == null ? null : g.restartSignal().name());
        json.put("restartEnabled", g.restartEnabled());
        json.put("startTime", g.startTime());
        json.put("port", g.port());
        return json;
    }

    static String human(List<GatewayInfo> gateways, Instant now) {
        StringBuilder out = new StringBuilder();
        for (GatewayInfo g : gateways) {
            out.append(SafeText.terminal(g.lockPath().toString())).append('\n');
            line(out, "verified", (g.verified() ? "yes: " : "NO: ") + g.why());
            if (g.pid() != null) {
                line(out, "pid", g.nested() ? g.pid() + " in its container, " + g.hostPid() + " on this host" : g.pid().toString());
            }
            if (g.createdAtRaw() != null) {
                String age = g.createdAt() == null ? "unparseable"
                        : Ages.format(Math.max(0L, Duration.between(g.createdAt(), now).toMillis())) + " ago";
                line(out, "created", g.createdAtRaw() + " (" + age + ")");
            }
            if (g.configPath() != null) {
                String restart = g.restartEnabled() == null ? "commands.restart unknown: config not readable here"
                        : g.restartEnabled() ? "commands.restart: true"
                        : "commands.restart: false: the gateway ignores restart signals";
                line(out, "config", g.configPath() + " (" + restart + ")");
            }
            if (g.port() != null) {
                line(out, "port", g.port().toString());
            }
            if (g.verified()) {
                line(out, "version", g.version() == null
                        ? "unknown; restart signal unknown (SIGUSR1 up to 2026.9.5, SIGUSR2 from 2026.9.6)"
                        : g.version() + "; restart signal " + (g.restartSignal() == null ? "unknown" : g.restartSignal().name()));
            }
            if (g.command() != null) {
                line(out, "command", g.command());
            }
        }
        long verified = gateways.stream().filter(GatewayInfo::verified).count();
        out.append(gateways.size()).append(" gateway lock").append(gateways.size() == 1 ? "" : "s").append(", ")
                .append(verified).append(" verified\n");
        return out.toString();
    }

    private static void line(StringBuilder out, String label, String value) {
        out.append("  ").append(label).append(" ".repeat(10 - label.length())).append(SafeText.terminal(value)).append('\n');
    }
}
