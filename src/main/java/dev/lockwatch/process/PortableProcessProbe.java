package dev.lockwatch.process;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@link ProcessProbe} for macOS and Windows over {@link ProcessHandle}: liveness and command line only.
 * Starttime, open files and pid namespaces are unknown there, so the judge never claims them.
 */
public final class PortableProcessProbe implements ProcessProbe {

    @Override
    public long maxPid() {
        return Integer.MAX_VALUE;
    }

    @Override
    public ProcessState state(long pid) {
        if (pid <= 0) {
            return ProcessState.DEAD;
        }
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty() || !handle.get().isAlive()) {
            return ProcessState.DEAD;
        }
        ProcessHandle.Info info = handle.get().info();
        List<String> argv = null;
        if (info.command().isPresent()) {
            List<String> args = new ArrayList<>();
            args.add(info.command().get());
            info.arguments().ifPresent(rest -> args.addAll(List.of(rest)));
            argv = args;
        }
        return new ProcessState(true, null, argv, null);
    }

    @Override
    public Set<FileIdentity> openFiles(long pid) {
        return null;
    }

    @Override
    public Map<Long, List<Long>> nestedPidIndex() {
        return Map.of();
    }
}
