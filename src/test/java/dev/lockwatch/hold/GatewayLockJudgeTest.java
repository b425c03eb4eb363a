package dev.lockwatch.hold;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockwatch.gateway.GatewayInfo;
import dev.lockwatch.lock.Holder;
import dev.lockwatch.lock.Verdict;
import dev.lockwatch.testing.ChildProcess;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Gateway locks judged by OpenClaw's liveness against real children. */
class GatewayLockJudgeTest {
    private final Instant now = Instant.now();

    private GatewayLockHold judge(Long pid, Long startTime, String role, Instant createdAt, Boolean coordinator) {
        GatewayInfo info = Contexts.gateway(pid, null, startTime, "owner-1", createdAt, role, false);
        return GatewayLockJudge.judge(info, coordinator, Contexts.at(now));
    }

    private GatewayLockHold judge(Long pid, Long startTime, String role) {
        return judge(pid, startTime, role, now, null);
    }

    @Test
    void matchingStartTimeIsLive() throws Exception {
        try (ChildProcess child = ChildProcess.bash("echo ready; read -r _")) {
            GatewayLockHold hold = judge(child.pid(), child.starttime(), null);
            assertThat(hold.verdict()).isEqualTo(Verdict.LIVE);
            assertThat(hold.reasons()).isEmpty();
            assertThat(hold.holder().hostPid()).isEqualTo(child.pid());
            assertThat(hold.removable()).isFalse();
            assertThat(hold.note()).isNull();
        }
    }

    @Test
    void deadPidIsStale() throws Exception {
        GatewayLockHold hold = judge(ChildProcess.reapedPid(), 5L, null);
        assertThat(hold.verdict()).isEqualTo(Verdict.STALE);
        assertThat(hold.reasons()).containsExactly("dead-pid");
        assertThat(hold.holder()).isEqualTo(Holder.NONE);
        assertThat(hold.removable()).isFalse();
        assertThat(judge(0L, null, null).reasons()).containsExactly("dead-pid");
    }

    @Test
    void anotherStartTimeIsDeadEvenForAGatewayCommandLine() throws Exception {
        try (ChildProcess child = ChildProcess.openClawIdle()) {
            GatewayLockHold hold = judge(child.pid(), child.starttime() + 3, null);
            assertThat(hold.verdict()).isEqualTo(Verdict.STALE);
            assertThat(hold.reasons()).containsExactly("dead-pid");
            assertThat(hold.note()).contains("another process");
        }
    }

    @Test
    void withoutStartTimeTheCommandLineDecides() throws Exception {
        try (ChildProcess gateway = ChildProcess.openClawIdle(); ChildProcess plain = ChildProcess.bash("echo ready; read -r _")) {
            assertThat(judge(gateway.pid(), null, null).verdict()).isEqualTo(Verdict.LIVE);
            GatewayLockHold other = judge(plain.pid(), null, null);
            assertThat(other.verdict()).isEqualTo(Verdict.STALE);
            assertThat(other.reasons()).containsExactly("dead-pid");
        }
    }

    @Test
    void roleLocksSayWhatTheyAreAndNeedOnlyAnOpenClawProcess() throws Exception {
        try (ChildProcess doctor = ChildProcess.bash("echo ready; read -r _", "/opt/openclaw/openclaw.mjs", "doctor", "--fix")) {
            GatewayLockHold hold = judge(doctor.pid(), null, "sqlite-maintenance");
            assertThat(hold.verdict()).isEqualTo(Verdict.LIVE);
            assertThat(hold.note()).contains("doctor");
            assertThat(judge(doctor.pid(), null, null).verdict()).as("not a gateway's command line").isEqualTo(Verdict.STALE);
            assertThat(judge(doctor.pid(), doctor.starttime(), "agent-embedded").note()).contains("embedded writer");
        }
    }

    @Test
    void noPidIsReclaimedOnlyAfterThirtySeconds() {
        GatewayLockHold young = judge(null, null, null, now.minusSeconds(10), null);
        assertThat(young.verdict()).isEqualTo(Verdict.LIVE);
        GatewayLockHold old = judge(null, null, null, now.minusSeconds(31), null);
        assertThat(old.verdict()).isEqualTo(Verdict.STALE);
        assertThat(old.reasons()).containsExactly("dead-pid");
        assertThat(judge(null, null, null, null, null).verdict()).isEqualTo(Verdict.STALE);
    }

    @Test
    void aLiveLockWhoseCoordinatorNobodyHoldsSaysSo() throws Exception {
        try (ChildProcess child = ChildProcess.bash("echo ready; read -r _")) {
            assertThat(judge(child.pid(), child.starttime(), null, now, false).note()).contains("coordinator");
            assertThat(judge(child.pid(), child.starttime(), null, now, true).note()).isNull();
        }
    }
}
