package dev.lockwatch.hold;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockwatch.lock.Holder;
import dev.lockwatch.lock.Verdict;
import dev.lockwatch.testing.ChildProcess;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Session rows judged by whether a verified live gateway owns the state dir (a real child plays the gateway). */
class SessionJudgeTest {
    private static final Path DB = Path.of("/state/agents/main/agent/openclaw-agent.sqlite");
    private static final String RECOVERING = "{\"abortedLastRun\":true,\"mainRestartRecovery\":{\"cycleId\":\"c1\","
            + "\"revision\":1,\"chargedAttempts\":1}}";
    private static final String RUNNING = "{\"lifecycleRunId\":\"r1\",\"activeWriterRunId\":\"r1\"}";
    private final Instant now = Instant.now();

    private SessionRow row(String entry, long updatedAgoMs) {
        return new SessionRow("agent:main:explicit:probea", "s-1", "running", now.toEpochMilli() - updatedAgoMs, entry);
    }

    private static HoldContext withGateway(Instant now, ChildProcess gw, boolean verified) throws Exception {
        return Contexts.at(now, Contexts.gateway(gw.pid(), gw.pid(), gw.starttime(), "owner-1", now, null, verified));
    }

    @Test
    void runningSessionOfALiveGatewayIsLiveAndHeldByIt() throws Exception {
        try (ChildProcess gw = ChildProcess.openClawIdle()) {
            SessionHold hold = SessionJudge.judge(DB, "main", row(RUNNING, 1_000), withGateway(now, gw, true));
            assertThat(hold.verdict()).isEqualTo(Verdict.LIVE);
            assertThat(hold.reasons()).isEmpty();
            assertThat(hold.holder().hostPid()).isEqualTo(gw.pid());
            assertThat(hold.holder().starttime()).isEqualTo(gw.starttime());
            assertThat(hold.entry().lifecycleRunId()).isEqualTo("r1");
            assertThat(hold.row().entryJson()).isNull();
            assertThat(hold.removable()).isFalse();
        }
    }

    @Test
    void withoutALiveGatewayTheSessionIsOrphaned() throws Exception {
        SessionHold hold = SessionJudge.judge(DB, "main", row(RUNNING, 1_000), Contexts.at(now));
        assertThat(hold.verdict()).isEqualTo(Verdict.ORPHANED);
        assertThat(hold.reasons()).containsExactly("gateway-down");
        assertThat(hold.holder()).isEqualTo(Holder.NONE);
        assertThat(hold.note()).isEqualTo(SessionJudge.NOTE_GATEWAY_DOWN);
        try (ChildProcess gw = ChildProcess.openClawIdle()) {
            assertThat(SessionJudge.judge(DB, "main", row(RUNNING, 1_000), withGateway(now, gw, false)).reasons())
                    .containsExactly("gateway-down");
            HoldContext roleOnly = Contexts.at(now, Contexts.gateway(gw.pid(), gw.pid(), gw.starttime(), "o", now,
                    "sqlite-maintenance", true));
            assertThat(SessionJudge.judge(DB, "main", row(RUNNING, 1_000), roleOnly).reasons()).containsExactly("gateway-down");
        }
    }

    @Test
    void recoveryUnchangedBeyondTheThresholdUnderALiveGatewayIsStuck() throws Exception {
        long beyond = Contexts.STALE_AFTER.toMillis() + 1_000;
        try (ChildProcess gw = ChildProcess.openClawIdle()) {
            HoldContext ctx = withGateway(now, gw, true);
            SessionHold stuck = SessionJudge.judge(DB, "main", row(RECOVERING, beyond), ctx);
            assertThat(stuck.verdict()).isEqualTo(Verdict.STALE);
            assertThat(stuck.reasons()).containsExactly("recovery-stuck");
            assertThat(stuck.removable()).isFalse();
            assertThat(stuck.note()).contains("sessions.recover").contains("agent:main:explicit:probea");
            assertThat(stuck.holder().hostPid()).isEqualTo(gw.pid());

            assertThat(SessionJudge.judge(DB, "main", row(RECOVERING, Contexts.STALE_AFTER.toMillis() - 1_000), ctx).verdict())
                    .isEqualTo(Verdict.LIVE);
            assertThat(SessionJudge.judge(DB, "main", row(RUNNING, beyond), ctx).verdict()).isEqualTo(Verdict.LIVE);
            assertThat(SessionJudge.judge(DB, "main", row("junk", beyond), ctx).verdict()).isEqualTo(Verdict.LIVE);
        }
    }

    @Test
    void stuckRecoveryWithoutAGatewayIsGatewayDownFirst() {
        SessionHold hold = SessionJudge.judge(DB, "main", row(RECOVERING, Contexts.STALE_AFTER.toMillis() * 2), Contexts.at(now));
        assertThat(hold.verdict()).isEqualTo(Verdict.ORPHANED);
        assertThat(hold.reasons()).containsExactly("gateway-down");
    }

    @Test
    void aReJudgeThatOnlyMovesTimeForwardIsEqual() throws Exception {
        try (ChildProcess gw = ChildProcess.openClawIdle()) {
            long beyond = Contexts.STALE_AFTER.toMillis() + 1_000;
            SessionRow r = row(RECOVERING, beyond);
            SessionHold first = SessionJudge.judge(DB, "main", r, withGateway(now, gw, true));
            SessionHold later = SessionJudge.judge(DB, "main", r, withGateway(now.plusSeconds(60), gw, true));
            assertThat(later).isEqualTo(first);
        }
    }
}
