package dev.lockwatch.process;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Finds the process a lock's pid names. A gateway in a container writes its container pid (often 1),
 * which on the host names another process; the process whose innermost {@code NSpid} is that pid and whose
 * starttime equals the lock's starttime is the real holder (starttime is boot-relative, the same in every
 * namespace).
 */
public final class HolderResolver {
    private HolderResolver() {
    }

    /**
     * @param lockPid       a valid pid from the payload (> 0; may exceed the platform's range)
     * @param lockStarttime the payload's starttime, null when absent
     * @param probe         the process facts, usually a per-scan snapshot
     */
    public static ResolvedHolder resolve(BigInteger lockPid, Long lockStarttime, ProcessProbe probe) {
        if (lockPid.signum() <= 0 || lockPid.bitLength() > 63 || lockPid.longValue() > probe.maxPid()) {
            return ResolvedHolder.dead();
        }
        long pid = lockPid.longValue();
        ProcessState host = probe.state(pid);
        if (lockStarttime != null && host.alive() && lockStarttime.equals(host.starttime())) {
            // The host process is the one that wrote the lock (same pid, same start tick): no namespace to search.
            // This keeps the /proc-wide NSpid walk off the path of nearly every lock and every file event.
            return new ResolvedHolder(ResolvedHolder.Kind.SAME, pid, host);
        }
        List<Long> nested = probe.nestedProcesses(pid);
        if (lockStarttime == null) {
            boolean nestedAlive = nested.stream().anyMatch(p -> p != pid && probe.state(p).alive());
            if (nestedAlive) {
                return new ResolvedHolder(ResolvedHolder.Kind.AMBIGUOUS, null, ProcessState.DEAD);
            }
            return host.alive() ? new ResolvedHolder(ResolvedHolder.Kind.SAME, pid, host) : ResolvedHolder.dead();
        }
        List<ResolvedHolder> matches = new ArrayList<>();
        if (host.alive() && Objects.equals(host.starttime(), lockStarttime)) {
            matches.add(new ResolvedHolder(ResolvedHolder.Kind.SAME, pid, host));
        }
        for (long candidate : nested) {
            if (candidate == pid) {
                continue;
            }
            ProcessState state = probe.state(candidate);
            if (state.alive() && Objects.equals(state.starttime(), lockStarttime)) {
                matches.add(new ResolvedHolder(ResolvedHolder.Kind.NESTED, candidate, state));
            }
        }
        if (matches.size() == 1) {
            return matches.get(0);
        }
        if (matches.size() > 1) {
            return new ResolvedHolder(ResolvedHolder.Kind.AMBIGUOUS, null, ProcessState.DEAD);
        }
        // Nobody matches the starttime: judge the host pid as OpenClaw would (recycled when alive).
        return host.alive() ? new ResolvedHolder(ResolvedHolder.Kind.SAME, pid, host) : ResolvedHolder.dead();
    }
}
