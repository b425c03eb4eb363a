package dev.lockwatch.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lockwatch.testing.ChildProcess;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The guard comes before everything, and real signals reach real children (only children this test started). */
class SignallerTest {
    private static final long OWN = ProcessHandle.current().pid();
    private static final long PID_MAX = readPidMax();

    private final List<int[]> kills = new ArrayList<>();
    /** A Signaller whose kill(2) only records: if the guard works, it never records anything. */
    private final Signaller recording = new Signaller(PID_MAX, OWN, (pid, sig) -> {
        kills.add(new int[] {pid, sig});
        return 0;
    });

    @ParameterizedTest
    @ValueSource(longs = {0L, -1L, -2L, -4242L, Long.MIN_VALUE})
    void refusesZeroAndNegativePidsFirst(long pid) {
        SignalResult result = recording.send(pid, RestartSignal.SIGUSR1);
        assertThat(result).isInstanceOf(SignalResult.Refused.class);
        assertThat(((SignalResult.Refused) result).refusal()).isEqualTo(SignalResult.Refusal.NON_POSITIVE_PID);
        assertThat(result.message()).startsWith("refused pid " + pid + ": ");
        assertThat(kills).isEmpty();
        // even a Signaller that believes nothing about the range or itself refuses them
        Signaller naive = new Signaller(Long.MAX_VALUE, -99, (p, s) -> {
            kills.add(new int[] {p, s});
            return 0;
        });
        assertThat(naive.send(pid, RestartSignal.SIGUSR2)).isInstanceOf(SignalResult.Refused.class);
        assertThat(kills).isEmpty();
    }

    @Test
    void refusalMessagesSayWhatKillWouldHaveDone() {
        assertThat(recording.send(0, RestartSignal.SIGUSR1).message()).contains("process group");
        assertThat(recording.send(-1, RestartSignal.SIGUSR1).message()).contains("kill(-1)").contains("every process");
        assertThat(recording.send(Long.MIN_VALUE, RestartSignal.SIGUSR1).message()).contains("process group");
    }

    @Test
    void refusesPidsBeyondThePlatformRange() {
        for (long pid : new long[] {PID_MAX + 1, (long) Integer.MAX_VALUE + 1, Long.MAX_VALUE}) {
            SignalResult result = recording.send(pid, RestartSignal.SIGUSR2);
            assertThat(result).as("pid %d", pid).isInstanceOf(SignalResult.Refused.class);
            assertThat(((SignalResult.Refused) result).refusal()).isEqualTo(SignalResult.Refusal.BEYOND_PID_RANGE);
        }
        // a C int bounds the range even where pid_max claims more
        Signaller wide = new Signaller(Long.MAX_VALUE, OWN, (p, s) -> {
            kills.add(new int[] {p, s});
            return 0;
        });
        assertThat(wide.send((long) Integer.MAX_VALUE + 1, RestartSignal.SIGUSR1)).isInstanceOf(SignalResult.Refused.class);
        assertThat(kills).isEmpty();
        assertThat(new Signaller().maxPid()).isEqualTo(PID_MAX);
    }

    @Test
    void refusesInitAndItself() {
        SignalResult init = recording.send(1, RestartSignal.SIGUSR1);
        assertThat(((SignalResult.Refused) init).refusal()).isEqualTo(SignalResult.Refusal.INIT_PROCESS);
        assertThat(init.message()).contains("init");
        SignalResult self = recording.send(OWN, RestartSignal.SIGUSR1);
        assertThat(((SignalResult.Refused) self).refusal()).isEqualTo(SignalResult.Refusal.LOCKWATCH_ITSELF);
        assertThat(self.message()).contains("Lockwatch itself");
        assertThat(kills).isEmpty();
        // and the real one too (if the guard failed, this JVM would get SIGUSR2 and crash or hang the test)
        Signaller real = new Signaller();
        assertThat(real.send(1, RestartSignal.SIGUSR2)).isInstanceOf(SignalResult.Refused.class);
        assertThat(real.send(OWN, RestartSignal.SIGUSR2)).isInstanceOf(SignalResult.Refused.class);
        assertThat(real.send(0, RestartSignal.SIGUSR2)).isInstanceOf(SignalResult.Refused.class);
        assertThat(real.send(-1, RestartSignal.SIGUSR2)).isInstanceOf(SignalResult.Refused.class);
    }

    @Test
    void aPidThatPassesTheGuardReachesKillWithThePlatformsNumber() {
        SignalResult result = recording.send(4242, RestartSignal.SIGUSR2);
        assertThat(result).isEqualTo(new SignalResult.Sent(4242, RestartSignal.SIGUSR2));
        assertThat(kills).hasSize(1);
        assertThat(kills.get(0)).containsExactly(4242, RestartSignal.SIGUSR2.number());
    }

    @Test
    void linuxNumbers() {
        assumeTrue(System.getProperty("os.name").startsWith("Linux"));
        assertThat(RestartSignal.SIGUSR1.number()).isEqualTo(10);
        assertThat(RestartSignal.SIGUSR2.number()).isEqualTo(12);
    }

    @ParameterizedTest
    @ValueSource(strings = {"SIGUSR1", "SIGUSR2"})
    void sendsTheSignalToARealChildThatTrapsIt(String name) throws Exception {
        RestartSignal signal = RestartSignal.valueOf(name);
        String script = "trap 'exit 41' USR1; trap 'exit 42' USR2; echo ready; while :; do sleep 1 & wait $!; done";
        try (ChildProcess child = ChildProcess.bash(script)) {
            SignalResult result = new Signaller().send(child.pid(), signal);
            assertThat(result).isEqualTo(new SignalResult.Sent(child.pid(), signal));
            assertThat(result.sent()).isTrue();
            assertThat(child.process().waitFor(10, TimeUnit.SECONDS)).as("child saw the signal").isTrue();
            assertThat(child.process().exitValue()).isEqualTo(signal == RestartSignal.SIGUSR1 ? 41 : 42);
        }
    }

    @Test
    void aReapedChildIsReportedPlainlyAsGone() throws Exception {
        long pid = ChildProcess.reapedPid();
        SignalResult result = new Signaller().send(pid, RestartSignal.SIGUSR1);
        assertThat(result).isInstanceOf(SignalResult.Failed.class);
        SignalResult.Failed failed = (SignalResult.Failed) result;
        assertThat(failed.errno()).isEqualTo("ESRCH");
        assertThat(failed.message()).isEqualTo("process " + pid + " no longer exists");
    }

    @Test
    void errnoFromKillIsNamed() {
        Signaller eperm = new Signaller(PID_MAX, OWN, (p, s) -> jnrEperm());
        SignalResult.Failed failed = (SignalResult.Failed) eperm.send(4242, RestartSignal.SIGUSR1);
        assertThat(failed.errno()).isEqualTo("EPERM");
        assertThat(failed.message()).contains("run Lockwatch as");
        Signaller unavailable = new Signaller(PID_MAX, OWN, (p, s) -> Signaller.NO_NATIVE);
        assertThat(((SignalResult.Failed) unavailable.send(4242, RestartSignal.SIGUSR1)).errno()).isEqualTo("ENOSYS");
    }

    @Test
    void permissionMessageNamesTheUser() {
        assertThat(Signaller.permissionMessage(4242, 0)).isEqualTo("the gateway runs as user root (uid 0); run Lockwatch as that user");
    }

    private static int jnrEperm() {
        return 1; // EPERM is 1 on Linux and macOS
    }

    private static long readPidMax() {
        try {
            // plain sequential read: Files.readString trusts the size stat reports and may return one byte of /proc/sys
            try (var in = new java.io.FileInputStream("/proc/sys/kernel/pid_max")) {
                return Long.parseLong(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII).trim());
            }
        } catch (Exception e) {
            return Integer.MAX_VALUE;
        }
    }
}
