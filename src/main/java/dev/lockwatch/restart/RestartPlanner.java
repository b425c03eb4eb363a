package dev.lockwatch.restart;

import dev.lockwatch.gateway.GatewayInfo;
import dev.lockwatch.lock.LockReport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Turns what was discovered into a {@link RestartPlan}: exactly one verified gateway, a signal its version
 * accepts, the locks it holds now, and the warnings an operator needs before sending.
 */
public final class RestartPlanner {
    /** OpenClaw holds back a second restart signal within this long of the first. */
    public static final Duration GATEWAY_COOLDOWN = Duration.ofSeconds(30);

    private RestartPlanner() {
    }

    /**
     * From 2026.8 a gateway writes {@code gateway.<hash>.lock} and {@code gateway.state.lock} with the same payload:
     * one gateway, two locks. Keep one lock per process (host pid and starttime), preferring {@code gateway.<hash>.lock}.
     */
    static List<GatewayInfo> oneLockPerGateway(List<GatewayInfo> verified) {
        java.util.Map<String, GatewayInfo> byProcess = new java.util.LinkedHashMap<>();
        for (GatewayInfo g : verified) {
            String key = g.hostPid() + "@" + g.startTime();
            GatewayInfo kept = byProcess.get(key);
            if (kept == null || (isStateLock(kept) && !isStateLock(g))) {
                byProcess.put(key, g);
            }
        }
        return List.copyOf(byProcess.values());
    }

    private static int[] versionParts(String version) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^v?(\\d{1,9})\\.(\\d{1,9})").matcher(version.strip());
        return m.find() ? new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))} : null;
    }

    private static boolean isStateLock(GatewayInfo g) {
        return g.lockPath().getFileName().toString().equals("gateway.state.lock");
    }

    /**
     * @param gateways       every gateway lock found
     * @param choice         the operator's signal choice
     * @param locks          the session locks under the watched roots, as judged now
     * @param lastSignalled  when Lockwatch last signalled this gateway's pid (from the audit log), null if never
     * @param now            the current time
     */
    public static RestartPlan plan(List<GatewayInfo> gateways, SignalChoice choice, List<LockReport> locks,
                                   java.util.function.LongFunction<Instant> lastSignalled, Instant now) {
        List<GatewayInfo> verified = oneLockPerGateway(gateways.stream().filter(GatewayInfo::verified).toList());
        if (verified.isEmpty()) {
            String why = gateways.isEmpty() ? "no gateway lock found"
                    : "no verified gateway: " + String.join("; ", gateways.stream().map(g -> g.lockPath() + ": " + g.why()).toList());
            return new RestartPlan(gateways.isEmpty() ? null : gateways.get(0), null, List.of(), List.of(), why);
        }
        if (verified.size() > 1) {
            return new RestartPlan(verified.get(0), null, List.of(), List.of(), verified.size()
                    + " verified gateways found; choose one with --lock-dir or --state-dir: "
                    + String.join(", ", verified.stream().map(g -> g.lockPath() + " (pid " + g.hostPid() + ")").toList()));
        }
        GatewayInfo gateway = verified.get(0);
        List<LockReport> tracked = locks.stream()
                .filter(l -> l.holder().alive() && Objects.equals(l.holder().hostPid(), gateway.hostPid())).toList();
        SignalChoice.Decision decision = choice.decide(gateway);
        if (decision.refusal() != null) {
            return new RestartPlan(gateway, null, tracked, List.of(), decision.refusal());
        }
        Instant last = lastSignalled.apply(gateway.hostPid());
        if (last != null && Duration.between(last, now).compareTo(GATEWAY_COOLDOWN) < 0) {
            long wait = GATEWAY_COOLDOWN.minus(Duration.between(last, now)).toSeconds() + 1;
            return new RestartPlan(gateway, null, tracked, List.of(), "Lockwatch signalled this gateway "
                    + Duration.between(last, now).toSeconds() + " s ago; OpenClaw holds back a second restart signal within 30 s."
                    + " Try again in " + wait + " s.");
        }
        List<String> warnings = new ArrayList<>();
        if (Boolean.FALSE.equals(gateway.restartEnabled())) {
            warnings.add("commands.restart is false in " + gateway.configPath() + ": the gateway will ignore " + decision.signal()
                    + " (expect gateway-not-restarted); set it to true, or stop and start the gateway instead");
        } else if (gateway.restartEnabled() == null) {
            warnings.add("its config could not be read, so whether commands.restart allows a restart is unknown");
        }
        int[] version = gateway.version() == null ? null : versionParts(gateway.version());
        if (version != null && (version[0] > 2026 || (version[0] == 2026 && version[1] >= 8))) {
            warnings.add("OpenClaw " + gateway.version() + " keeps session write leases in SQLite (state_leases), not in"
                    + " .jsonl.lock files: only the gateway's restart can be confirmed here; .jsonl.lock files left from"
                    + " older versions are legacy");
        }
        if (gateway.nested()) {
            warnings.add("the gateway runs in a container: its pid there is " + gateway.pid() + ", on this host " + gateway.hostPid());
        }
        if (tracked.isEmpty()) {
            warnings.add("the gateway holds no session lock under the watched folders: only its restart will be confirmed");
        }
        return new RestartPlan(gateway, decision.signal(), tracked, warnings, null);
    }
}
