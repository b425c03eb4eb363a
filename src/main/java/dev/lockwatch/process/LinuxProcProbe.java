package dev.lockwatch.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ProcessProbe} over Linux {@code /proc}. Thread-safe. Its only state is what {@link #displaySnapshot()}
 * may reuse: the command line and uid last read per pid (for up to 10 s, for the same starttime).
 */
public final class LinuxProcProbe implements ProcessProbe {
    private static final Logger LOG = LoggerFactory.getLogger(LinuxProcProbe.class);
    private static final long DEFAULT_PID_MAX = 4_194_304L; // PID_MAX_LIMIT on 64-bit Linux
    private static final long RECENT_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final Path proc;
    private final long maxPid;
    /** pid -> the last full read made for a display snapshot, and when. */
    private final Map<Long, Recent> recent = new ConcurrentHashMap<>();

    private record Recent(ProcessState state, long readAtNanos) {
    }

    public LinuxProcProbe() {
        this(Path.of("/proc"));
    }

    LinuxProcProbe(Path proc) {
        this.proc = proc;
        this.maxPid = readPidMax(proc);
    }

    private static long readPidMax(Path proc) {
        try {
            return Long.parseLong(ProcFiles.text(proc.resolve("sys/kernel/pid_max")).trim());
        } catch (IOException | NumberFormatException e) {
            return DEFAULT_PID_MAX;
        }
    }

    @Override
    public long maxPid() {
        return maxPid;
    }

    @Override
    public ProcessState state(long pid) {
        return state(pid, false);
    }

    private ProcessState state(long pid, boolean recentCommandLineWillDo) {
        if (pid <= 0 || pid > maxPid) {
            return ProcessState.DEAD;
        }
        Path dir = proc.resolve(Long.toString(pid));
        StatLine stat = StatLine.read(dir.resolve("stat"));
        if (stat == null || stat.zombie()) {
            return ProcessState.DEAD;
        }
        if (recentCommandLineWillDo) {
            Recent last = recent.get(pid);
            if (last != null && Objects.equals(last.state().starttime(), stat.starttime())
                    && System.nanoTime() - last.readAtNanos() < RECENT_NANOS) {
                return last.state();
            }
        }
        ProcessState state = new ProcessState(true, stat.starttime(), readArgv(dir), readUid(dir));
        if (recentCommandLineWillDo) {
            if (recent.size() > 4096) {
                recent.clear(); // pids come and go: never let this grow without bound
            }
            recent.put(pid, new Recent(state, System.nanoTime()));
        }
        return state;
    }

    @Override
    public ProcessProbe displaySnapshot() {
        return new SnapshotProbe(new DisplayView());
    }

    /** This probe, with the command line and uid of a process read in the last 10 s reused. */
    private final class DisplayView implements ProcessProbe {
        @Override
        public long maxPid() {
            return maxPid;
        }

        @Override
        public ProcessState state(long pid) {
            return LinuxProcProbe.this.state(pid, true);
        }

        @Override
        public Set<FileIdentity> openFiles(long pid) {
            return LinuxProcProbe.this.openFiles(pid);
        }

        @Override
        public Map<Long, List<Long>> nestedPidIndex() {
            return LinuxProcProbe.this.nestedPidIndex();
        }

        @Override
        public Set<Long> holdersOf(FileIdentity identity) {
            return LinuxProcProbe.this.holdersOf(identity);
        }
    }

    private static List<String> readArgv(Path dir) {
        try {
            byte[] raw = ProcFiles.bytes(dir.resolve("cmdline"));
            if (raw.length == 0) {
                return null;
            }
            String text = new String(raw, StandardCharsets.UTF_8);
            List<String> args = new ArrayList<>(Arrays.asList(text.split("\0", -1)));
            while (!args.isEmpty() && args.get(args.size() - 1).isEmpty()) {
                args.remove(args.size() - 1);
            }
            return args.isEmpty() ? null : args;
        } catch (IOException e) {
            return null;
        }
    }

    private static Integer readUid(Path dir) {
        String line = statusLine(dir, "Uid:");
        if (line == null) {
            return null;
        }
        String[] fields = line.trim().split("\\s+");
        try {
            return fields.length > 0 ? Integer.valueOf(fields[0]) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String statusLine(Path dir, String key) {
        try {
            for (String line : ProcFiles.text(dir.resolve("status")).split("\n")) {
                if (line.startsWith(key)) {
                    return line.substring(key.length());
                }
            }
        } catch (IOException e) {
            // vanished or unreadable: no answer
        }
        return null;
    }

    @Override
    public Set<FileIdentity> openFiles(long pid) {
        if (pid <= 0 || pid > maxPid) {
            return null;
        }
        Path fds = proc.resolve(Long.toString(pid)).resolve("fd");
        Set<FileIdentity> open = new HashSet<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(fds)) {
            for (Path fd : entries) {
                try {
                    if (!Files.readSymbolicLink(fd).toString().startsWith("/")) {
                        continue; // socket:[..], pipe:[..], anon_inode:..: never a lock file, and not worth a stat
                    }
                    FileIdentity id = FileIdentity.of(fd); // follows the magic link to the open file (even a deleted one)
                    if (id != null) {
                        open.add(id);
                    }
                } catch (IOException e) {
                    // closed between listing and stat, or an anonymous inode we cannot stat
                }
            }
            return open;
        } catch (AccessDeniedException e) {
            return null;
        } catch (IOException e) {
            LOG.debug("cannot list {}: {}", fds, e.toString());
            return null;
        }
    }

    @Override
    public Set<Long> holdersOf(FileIdentity identity) {
        long own = ProcessHandle.current().pid();
        Set<Long> holders = new HashSet<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(proc, p -> isNumeric(p.getFileName().toString()))) {
            for (Path dir : entries) {
                long pid = Long.parseLong(dir.getFileName().toString());
                if (pid == own) {
                    continue;
                }
                Set<FileIdentity> open = openFiles(pid);
                if (open != null && open.contains(identity)) {
                    holders.add(pid);
                }
            }
        } catch (IOException | NumberFormatException e) {
            LOG.warn("cannot list {}: {}", proc, e.toString());
            return null;
        }
        return holders;
    }

    @Override
    public Map<Long, List<Long>> nestedPidIndex() {
        Map<Long, List<Long>> index = new HashMap<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(proc, p -> isNumeric(p.getFileName().toString()))) {
            for (Path dir : entries) {
                String nspid = statusLine(dir, "NSpid:");
                if (nspid == null) {
                    continue;
                }
                String[] pids = nspid.trim().split("\\s+");
                if (pids.length > 1) {
                    try {
                        long host = Long.parseLong(pids[0]);
                        long inner = Long.parseLong(pids[pids.length - 1]);
                        index.computeIfAbsent(inner, k -> new ArrayList<>()).add(host);
                    } catch (NumberFormatException e) {
                        // not a pid line we understand
                    }
                }
            }
        } catch (IOException e) {
            LOG.warn("cannot list {}: {}", proc, e.toString());
        }
        return index;
    }

    private static boolean isNumeric(String name) {
        return !name.isEmpty() && name.chars().allMatch(Character::isDigit);
    }

    /** The fields of {@code /proc/<pid>/stat} we need, parsed after the last ')' (comm may hold anything). */
    record StatLine(char state, Long starttime) {
        boolean zombie() {
            return state == 'Z' || state == 'X' || state == 'x';
        }

        static StatLine read(Path stat) {
            String text;
            try {
                text = ProcFiles.text(stat);
            } catch (IOException e) {
                return null;
            }
            return parse(text);
        }

        static StatLine parse(String text) {
            int close = text.lastIndexOf(')');
            if (close < 0) {
                return null;
            }
            String[] fields = text.substring(close + 1).trim().split("\\s+");
            if (fields.length == 0 || fields[0].isEmpty()) {
                return null;
            }
            Long starttime = null;
            if (fields.length > 19) { // fields[0] is field 3 (state), so field 22 is fields[19]
                try {
                    starttime = Long.parseLong(fields[19]);
                } catch (NumberFormatException e) {
                    starttime = null;
                }
            }
            return new StatLine(fields[0].charAt(0), starttime);
        }
    }
}
