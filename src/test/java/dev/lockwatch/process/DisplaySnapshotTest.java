package dev.lockwatch.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lockwatch.testing.ChildProcess;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The display snapshot may show a command line a few seconds old; the acting snapshot never does. */
class DisplaySnapshotTest {
    @BeforeAll
    static void linuxOnly() {
        assumeTrue(Files.isReadable(Path.of("/proc/self/stat")), "needs Linux /proc");
    }

    @Test
    void aProcessThatExecsShowsItsNewCommandLineToActorsAtOnce() throws Exception {
        LinuxProcProbe probe = new LinuxProcProbe();
        // same pid and starttime before and after exec: only the command line changes
        try (ChildProcess child = ChildProcess.bash("echo ready; read -r _; exec bash -c 'echo execed; read -r _' new-title")) {
            ProcessState before = probe.displaySnapshot().state(child.pid());
            assertThat(before.command()).contains("echo ready");
            child.process().getOutputStream().write("\n".getBytes(StandardCharsets.UTF_8));
            child.process().getOutputStream().flush();
            assertThat(new BufferedReader(new InputStreamReader(child.process().getInputStream())).readLine()).isEqualTo("execed");

            ProcessState acting = probe.snapshot().state(child.pid());
            assertThat(acting.command()).contains("new-title");
            assertThat(acting.starttime()).isEqualTo(before.starttime());
            ProcessState shown = probe.displaySnapshot().state(child.pid());
            assertThat(shown.alive()).isTrue();
            assertThat(shown.starttime()).isEqualTo(before.starttime());
            assertThat(shown.command()).contains("echo ready"); // read less than 10 s ago for this very process
        }
    }

    @Test
    void aDeadProcessIsDeadInTheDisplaySnapshotAtOnce() throws Exception {
        LinuxProcProbe probe = new LinuxProcProbe();
        ChildProcess child = ChildProcess.bash("echo ready; read -r _");
        long pid = child.pid();
        assertThat(probe.displaySnapshot().state(pid).alive()).isTrue();
        child.close();
        assertThat(probe.displaySnapshot().state(pid).alive()).isFalse();
    }
}
