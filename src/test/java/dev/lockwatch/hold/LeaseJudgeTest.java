package dev.lockwatch.hold;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockwatch.lock.Holder;
import dev.lockwatch.lock.Verdict;
import dev.lockwatch.testing.ChildProcess;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** state_leases rows judged against real child processes as owners. */
class LeaseJudgeTest {
    private static final Path DB = Path.of("/state/state/openclaw.sqlite");
    private static final String UUID_A = "0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d";
    private static final String UUID_B = "9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a";
    private final Instant now = Instant.now();
    private final long nowMs = now.toEpochMilli();

    private static String payload(long pid, String host, Long startedAt) {
        return "{\"owner\":{\"pid\":" + pid + ",\"host\":\"" + host + "\",\"startedAt\":" + startedAt + "},\"port\":18789}";
    }

    private LeaseRow ownerRow(String scope, String payload, long expiresIn, long heartbeatAgo) {
        return new LeaseRow(scope, "global", UUID_A, nowMs + expiresIn, nowMs - heartbeatAgo, payload, nowMs - 600_000,
                nowMs - heartbeatAgo);
    }

    private LeaseHold judge(LeaseRow row) {
        return LeaseJudge.judge(DB, row, Contexts.at(now));
    }

    @Test
    void genericLeaseIsLiveUntilItExpiresThenInert() {
        LeaseRow live = new LeaseRow("core:onboarding", "global", UUID_A, nowMs + 1, nowMs, null, nowMs, nowMs);
        LeaseHold held = judge(live);
        assertThat(held.verdict()).isEqualTo(Verdict.LIVE);
        assertThat(held.reasons()).isEmpty();
        assertThat(held.holder()).isEqualTo(Holder.NONE);

        LeaseRow expired = new LeaseRow("core:onboarding", "global", UUID_A, nowMs, nowMs - 60_000, null, nowMs, nowMs);
        LeaseHold inert = judge(expired);
        assertThat(inert.verdict()).isEqualTo(Verdict.STALE);
        assertThat(inert.reasons()).containsExactly("expired");
        assertThat(inert.removable()).isFalse();
        assertThat(inert.note()).isEqualTo(LeaseJudge.NOTE_INERT);
        assertThat(inert.id()).isEqualTo("lease:/state/state/openclaw.sqlite#core:onboarding/global");
    }

    @Test
    void aJournalRowIsLiveAndSaysItIsNoLock() {
        LeaseRow journal = new LeaseRow("doctor-session-key-migration", "agent:main", "openclaw-doctor", null, null,
                "{\"step\":3}", nowMs - 86_400_000L, nowMs - 86_400_000L);
        LeaseHold hold = judge(journal);
        assertThat(hold.verdict()).isEqualTo(Verdict.LIVE);
        assertThat(hold.note()).isEqualTo(LeaseJudge.NOTE_JOURNAL);

        LeaseRow uuidNoExpiry = new LeaseRow("x", "k", UUID_A, null, null, null, nowMs, nowMs);
        assertThat(judge(uuidNoExpiry).note()).isNotEqualTo(LeaseJudge.NOTE_JOURNAL);
    }

    @Test
    void liveOwnerOnThisHostIsLiveWithItsProcess() throws Exception {
        try (ChildProcess child = ChildProcess.openClawIdle()) {
            LeaseHold hold = judge(ownerRow("startup-migrations", payload(child.pid(), Contexts.HOST, child.starttime()),
                    200_000, 10_000));
            assertThat(hold.verdict()).as(hold.toString()).isEqualTo(Verdict.LIVE);
            assertThat(hold.reasons()).isEmpty();
            assertThat(hold.removable()).isFalse();
            assertThat(hold.owner().pid()).isEqualTo(child.pid());
            assertThat(hold.holder().hostPid()).isEqualTo(child.pid());
            assertThat(hold.holder().starttime()).isEqualTo(child.starttime());
            assertThat(hold.holder().command()).contains("openclaw.mjs");
        }
    }

    @Test
    void deadOwnerOnThisHostIsStaleAndRemovable() throws Exception {
        long dead = ChildProcess.reapedPid();
        LeaseHold hold = judge(ownerRow("startup-migrations", payload(dead, Contexts.HOST, 12345L), 200_000, 10_000));
        assertThat(hold.verdict()).isEqualTo(Verdict.STALE);
        assertThat(hold.reasons()).containsExactly("dead-owner");
        assertThat(hold.removable()).isTrue();
        assertThat(hold.holder()).isEqualTo(Holder.NONE);
    }

    @Test
    void liveOwnerWithAnotherStartTimeIsDead() throws Exception {
        try (ChildProcess child = ChildProcess.openClawIdle()) {
            LeaseHold hold = judge(ownerRow("gateway-owner", payload(child.pid(), Contexts.HOST, child.starttime() - 1),
                    200_000, 10_000));
            assertThat(hold.verdict()).isEqualTo(Verdict.STALE);
            assertThat(hold.reasons()).containsExactly("dead-owner");
            assertThat(hold.removable()).isTrue();
        }
    }

    @Test
    void unknownStartTimeOnThisHostIsNeverDeadWhileThePidLives() throws Exception {
        try (ChildProcess child = ChildProcess.openClawIdle()) {
            LeaseHold hold = judge(ownerRow("startup-migrations", payload(child.pid(), Contexts.HOST, null), 200_000, 10_000));
            assertThat(hold.verdict()).isEqualTo(Verdict.LIVE);
            assertThat(hold.holder().hostPid()).isEqualTo(child.pid());
            assertThat(hold.note()).contains("start time is unknown");
        }
    }

    @Test
    void expiredRowOfALiveOwnerIsInertNotRemovable() throws Exception {
        try (ChildProcess child = ChildProcess.openClawIdle()) {
            LeaseHold hold = judge(ownerRow("startup-migrations", payload(child.pid(), Contexts.HOST, child.starttime()),
                    -1, 400_000));
            assertThat(hold.verdict()).isEqualTo(Verdict.STALE);
            assertThat(hold.reasons()).containsExactly("expired");
            assertThat(hold.removable()).isFalse();
            assertThat(hold.note()).isEqualTo(LeaseJudge.NOTE_INERT);
        }
    }

    @Test
    void deadAndExpiredGivesBothReasonsDeadFirstAndIsRemovable() throws Exception {
        long dead = ChildProcess.reapedPid();
        LeaseHold hold = judge(ownerRow("gateway-owner", payload(dead, Contexts.HOST, 1L), -1, 400_000));
        assertThat(hold.verdict()).isEqualTo(Verdict.STALE);
        assertThat(hold.reasons()).containsExactly("dead-owner", "expired");
        assertThat(hold.removable()).isTrue();
    }

    @Test
    void aDeadPidOnAnotherHostIsNotDeadOwnerButForeign() throws Exception {
        long dead = ChildProcess.reapedPid();
        LeaseHold hold = judge(ownerRow("gateway-owner", payload(dead, "other-box", 1L), 200_000, 10_000));
        assertThat(hold.verdict()).isEqualTo(Verdict.UNRESOLVED);
        assertThat(hold.reasons()).containsExactly("foreign-host");
        assertThat(hold.removable()).isFalse();
        assertThat(hold.note()).isEqualTo(LeaseJudge.NOTE_FOREIGN_HOST);
    }

    @Test
    void anotherHostNameButTheSameProcessHereIsLive() throws Exception {
        try (ChildProcess child = ChildProcess.openClawIdle()) {
            LeaseHold hold = judge(ownerRow("gateway-owner", payload(child.pid(), "renamed-host", child.starttime()),
                    200_000, 200_000));
            assertThat(hold.verdict()).isEqualTo(Verdict.LIVE);
            assertThat(hold.holder().hostPid()).isEqualTo(child.pid());
        }
    }

    @Test
    void gatewayOwnerHeartbeatStopsAfterNinetySeconds() throws Exception {
        long dead = ChildProcess.reapedPid();
        String p = payload(dead, "ctr-gone", 1L);
        assertThat(judge(ownerRow("gateway-owner", p, 200_000, 89_000)).reasons()).containsExactly("foreign-host");
        LeaseHold stopped = judge(ownerRow("gateway-owner", p, 200_000, 91_000));
        assertThat(stopped.verdict()).isEqualTo(Verdict.STALE);
        assertThat(stopped.reasons()).containsExactly("heartbeat-stopped");
        assertThat(stopped.removable()).isTrue();
    }

    @Test
    void startupMigrationsHeartbeatStopsAfterThreeMinutes() throws Exception {
        String p = payload(ChildProcess.reapedPid(), "ctr-gone", 1L);
        assertThat(judge(ownerRow("startup-migrations", p, 100_000, 170_000)).reasons()).containsExactly("foreign-host");
        assertThat(judge(ownerRow("startup-migrations", p, 100_000, 190_000)).reasons()).containsExactly("heartbeat-stopped");
    }

    @Test
    void otherScopesUseOpenClawsRenewPeriod() throws Exception {
        String p = payload(ChildProcess.reapedPid(), "ctr-gone", 1L);
        // ttl 600 s: renew every min(30 s, 200 s) = 30 s, stopped after 90 s
        assertThat(judge(ownerRow("core:plugin-lifecycle", p, 600_000 - 80_000, 80_000)).reasons()).containsExactly("foreign-host");
        assertThat(judge(ownerRow("core:plugin-lifecycle", p, 600_000 - 100_000, 100_000)).reasons())
                .containsExactly("heartbeat-stopped");
        // ttl 60 s: renew every 20 s, stopped after 60 s, which is when it expires anyway
        assertThat(LeaseJudge.heartbeatIntervalMs(ownerRow("session-workspace-action", p, 40_000, 20_000))).isEqualTo(20_000L);
        // ttl 300 ms: the floor of 250 ms
        assertThat(LeaseJudge.heartbeatIntervalMs(ownerRow("x", p, 200, 100))).isEqualTo(250L);
    }

    @Test
    void withoutHeartbeatTheLastUpdateCounts() throws Exception {
        String p = payload(ChildProcess.reapedPid(), "ctr-gone", 1L);
        LeaseRow noBeat = new LeaseRow("gateway-owner", "global", UUID_A, nowMs + 100_000, null, p, nowMs - 200_000,
                nowMs - 100_000);
        assertThat(judge(noBeat).reasons()).containsExactly("heartbeat-stopped");
        LeaseRow fresh = new LeaseRow("gateway-owner", "global", UUID_A, nowMs + 100_000, null, p, nowMs - 200_000,
                nowMs - 1_000);
        assertThat(judge(fresh).reasons()).containsExactly("foreign-host");
    }

    @Test
    void aGatewayOwnerRowFromBeforeTheGatewaysRestartIsOrphaned() throws Exception {
        try (ChildProcess gw = ChildProcess.openClawIdle()) {
            Instant lockCreated = now.minusSeconds(60);
            HoldContext ctx = Contexts.at(now, Contexts.gateway(gw.pid(), gw.pid(), gw.starttime(), UUID_B, lockCreated, null, true));
            String p = payload(gw.pid(), Contexts.HOST, gw.starttime());
            LeaseRow old = new LeaseRow("gateway-owner", "global", UUID_A, nowMs + 200_000, nowMs - 5_000, p,
                    lockCreated.toEpochMilli() - 1, nowMs - 5_000);
            LeaseHold hold = LeaseJudge.judge(DB, old, ctx);
            assertThat(hold.verdict()).isEqualTo(Verdict.ORPHANED);
            assertThat(hold.reasons()).containsExactly("predates-gateway-restart");
            assertThat(hold.removable()).isTrue();
            assertThat(hold.holder().hostPid()).isEqualTo(gw.pid());

            LeaseRow current = new LeaseRow("gateway-owner", "global", UUID_B, old.expiresAt(), old.heartbeatAt(), p,
                    old.createdAt(), old.updatedAt());
            assertThat(LeaseJudge.judge(DB, current, ctx).verdict()).isEqualTo(Verdict.LIVE);
            LeaseRow newer = new LeaseRow("gateway-owner", "global", UUID_A, old.expiresAt(), old.heartbeatAt(), p,
                    lockCreated.toEpochMilli() + 1, old.updatedAt());
            assertThat(LeaseJudge.judge(DB, newer, ctx).verdict()).isEqualTo(Verdict.LIVE);
            LeaseRow otherScope = new LeaseRow("startup-migrations", "global", UUID_A, old.expiresAt(), old.heartbeatAt(), p,
                    old.createdAt(), old.updatedAt());
            assertThat(LeaseJudge.judge(DB, otherScope, ctx).verdict()).isEqualTo(Verdict.LIVE);
            HoldContext unverified = Contexts.at(now, Contexts.gateway(gw.pid(), gw.pid(), gw.starttime(), UUID_B, lockCreated,
                    null, false));
            assertThat(LeaseJudge.judge(DB, old, unverified).verdict()).isEqualTo(Verdict.LIVE);
        }
    }

    @Test
    void aGatewayOwnerRowOfAnotherProcessIsNotPredating() throws Exception {
        try (ChildProcess gw = ChildProcess.openClawIdle(); ChildProcess other = ChildProcess.openClawIdle()) {
            Instant lockCreated = now.minusSeconds(60);
            HoldContext ctx = Contexts.at(now, Contexts.gateway(gw.pid(), gw.pid(), gw.starttime(), UUID_B, lockCreated, null, true));
            LeaseRow row = new LeaseRow("gateway-owner", "global", UUID_A, nowMs + 200_000, nowMs - 5_000,
                    payload(other.pid(), Contexts.HOST, other.starttime()), lockCreated.toEpochMilli() - 1, nowMs - 5_000);
            assertThat(LeaseJudge.judge(DB, row, ctx).verdict()).isEqualTo(Verdict.LIVE);
        }
    }

    @Test
    void anOwnerWithoutPidIsUnresolvedUntilItExpires() {
        LeaseRow row = ownerRow("startup-migrations", "{\"owner\":{\"host\":\"" + Contexts.HOST + "\"}}", 100_000, 1_000);
        LeaseHold hold = judge(row);
        assertThat(hold.verdict()).isEqualTo(Verdict.UNRESOLVED);
        assertThat(hold.owner()).isNotNull();
        assertThat(judge(ownerRow("startup-migrations", row.payloadJson(), -1, 1_000)).reasons()).containsExactly("expired");
    }

    @Test
    void junkPayloadIsJudgedAsGeneric() {
        LeaseHold hold = judge(ownerRow("gateway-owner", "{\"owner\":", 100_000, 1_000));
        assertThat(hold.owner()).isNull();
        assertThat(hold.verdict()).isEqualTo(Verdict.LIVE);
    }
}
