package dev.lockwatch.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lockwatch.process.LinuxProcProbe;
import dev.lockwatch.testing.ChildProcess;
import dev.lockwatch.testing.LockFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A gateway in a container writes its container pid (1) into the lock. From the host that pid is init; the
 * holder must be found through NSpid and starttime, and without starttime it cannot be told apart.
 */
class ContainerHolderTest {
    /** Inside a new pid namespace: write the lock as pid 1 (with or without starttime), hold it open, wait. */
    private static final String INNER = String.join("\n",
            "st=$(cut -d' ' -f22 /proc/1/stat)",
            "if [ \"$2\" = with-starttime ]; then extra=\",\\\"starttime\\\": $st\"; else extra=; fi",
            "printf '{\"pid\": 1, \"createdAt\": \"%s\"%s}' \"$(date -u +%Y-%m-%dT%H:%M:%S.000Z)\" \"$extra\" > \"$1\"",
            "exec 3<\"$1\"",
            "echo ready",
            "read -r _");

    @TempDir
    Path state;

    @BeforeAll
    static void needsPidNamespaces() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/self/stat")), "needs Linux");
        Process probe = new ProcessBuilder("unshare", "--pid", "--fork", "--mount-proc", "true").start();
        assumeTrue(probe.waitFor(10, TimeUnit.SECONDS) && probe.exitValue() == 0, "needs unshare --pid (root)");
    }

    private ChildProcess container(Path lock, String mode) throws Exception {
        return ChildProcess.start(java.util.List.of("unshare", "--pid", "--fork", "--mount-proc",
                "bash", "-c", INNER, "/app/openclaw.mjs", lock.toString(), mode, "gateway"));
    }

    private static long innerHostPid(ChildProcess unshare) {
        return unshare.process().toHandle().children().findFirst().orElseThrow().pid();
    }

    private LockReport judge(Path lock) {
        return new Judge(JudgeSettings.DEFAULTS).judge(lock, state, LockFileReader.read(lock), Instant.now(),
                new LinuxProcProbe().snapshot(), null);
    }

    @Test
    void containerPidWithStarttimeMapsToTheHostProcessAndIsLive() throws Exception {
        Path lock = LockFiles.sessionsDir(state, "main").resolve("boxed.jsonl.lock");
        try (ChildProcess box = container(lock, "with-starttime")) {
            LockReport report = judge(lock);
            assertThat(report.pid()).hasToString("1");
            assertThat(report.verdict()).as(report.toString()).isEqualTo(Verdict.LIVE);
            assertThat(report.holder().pidNamespace()).isEqualTo("nested");
            assertThat(report.holder().hostPid()).isEqualTo(innerHostPid(box));
            assertThat(report.holder().holdsOpen()).isTrue();
            assertThat(report.removable()).isFalse();
        }
    }

    @Test
    void containerPidWithoutStarttimeIsUnresolvedAndNeverRemovable() throws Exception {
        Path lock = LockFiles.sessionsDir(state, "main").resolve("boxed.jsonl.lock");
        try (ChildProcess box = container(lock, "no-starttime")) {
            LockReport report = judge(lock);
            assertThat(report.verdict()).isEqualTo(Verdict.UNRESOLVED);
            assertThat(report.reasons()).containsExactly(Reason.AMBIGUOUS_PID_NAMESPACE);
            assertThat(report.removable()).isFalse();
        }
    }
}
