package dev.lockwatch.hold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lockwatch.lock.Verdict;
import dev.lockwatch.process.LinuxProcProbe;
import dev.lockwatch.testing.ChildProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A gateway in a container records pid 1 and the container's hostname: OpenClaw calls that owner unknown and waits
 * out the TTL (issue 155644); Lockwatch finds it through NSpid and start time, and calls it gone once nobody matches
 * and its heartbeat stopped.
 */
class LeaseJudgeContainerTest {
    private static final Path DB = Path.of("/state/state/openclaw.sqlite");
    private static final String CONTAINER_HOST = "ctr-aaaa";

    @BeforeAll
    static void needsNamespaces() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/self/stat")), "needs Linux");
        Process probe = new ProcessBuilder("unshare", "--uts", "--pid", "--fork", "--mount-proc", "--kill-child", "true").start();
        assumeTrue(probe.waitFor(10, TimeUnit.SECONDS) && probe.exitValue() == 0, "needs unshare --uts --pid (root)");
    }

    private static ChildProcess container() throws Exception {
        return ChildProcess.start(List.of("unshare", "--uts", "--pid", "--fork", "--mount-proc", "--kill-child", "sh", "-c",
                "hostname " + CONTAINER_HOST + "; echo ready; exec sleep 300"));
    }

    private static long innerHostPid(ChildProcess unshare) {
        return unshare.process().toHandle().children().findFirst().orElseThrow().pid();
    }

    private static LeaseRow row(long startedAt, Instant now, Duration heartbeatAgo) {
        long nowMs = now.toEpochMilli();
        long beat = nowMs - heartbeatAgo.toMillis();
        String payload = "{\"owner\":{\"pid\":1,\"host\":\"" + CONTAINER_HOST + "\",\"startedAt\":" + startedAt + "},"
                + "\"port\":18789,\"mode\":\"local\"}";
        return new LeaseRow("gateway-owner", "global", "0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d", beat + 300_000, beat, payload,
                beat - 60_000, beat);
    }

    private static HoldContext ctx(Instant now) {
        return new HoldContext(now, Hostnames.thisHost(), new LinuxProcProbe().snapshot(), Duration.ofMinutes(30), List.of());
    }

    @Test
    void theContainersOwnerIsFoundThenGoneOnceItsHeartbeatStops() throws Exception {
        assertThat(Hostnames.thisHost()).isNotEqualTo(CONTAINER_HOST);
        long hostPid;
        long startedAt;
        try (ChildProcess box = container()) {
            hostPid = innerHostPid(box);
            startedAt = ChildProcess.starttimeOf(hostPid);
            Instant now = Instant.now();
            LeaseHold found = LeaseJudge.judge(DB, row(startedAt, now, Duration.ofSeconds(5)), ctx(now));
            assertThat(found.verdict()).as(found.toString()).isEqualTo(Verdict.LIVE);
            assertThat(found.holder().hostPid()).isEqualTo(hostPid);
            assertThat(found.holder().pidNamespace()).isEqualTo("nested");
            // found even when the row says it has not been renewed for long: a live match wins
            assertThat(LeaseJudge.judge(DB, row(startedAt, now, Duration.ofSeconds(120)), ctx(now)).verdict())
                    .isEqualTo(Verdict.LIVE);
        }
        waitUntilGone(hostPid);
        Instant now = Instant.now();
        LeaseHold stopped = LeaseJudge.judge(DB, row(startedAt, now, Duration.ofSeconds(91)), ctx(now));
        assertThat(stopped.verdict()).isEqualTo(Verdict.STALE);
        assertThat(stopped.reasons()).containsExactly("heartbeat-stopped");
        assertThat(stopped.removable()).isTrue();

        LeaseHold waiting = LeaseJudge.judge(DB, row(startedAt, now, Duration.ofSeconds(10)), ctx(now));
        assertThat(waiting.verdict()).isEqualTo(Verdict.UNRESOLVED);
        assertThat(waiting.reasons()).containsExactly("foreign-host");
        assertThat(waiting.removable()).isFalse();
    }

    @Test
    void aContainerProcessWithAnotherStartTimeIsNotTheOwner() throws Exception {
        try (ChildProcess box = container()) {
            long startedAt = ChildProcess.starttimeOf(innerHostPid(box)) + 7;
            Instant now = Instant.now();
            LeaseHold hold = LeaseJudge.judge(DB, row(startedAt, now, Duration.ofSeconds(5)), ctx(now));
            assertThat(hold.verdict()).isEqualTo(Verdict.UNRESOLVED);
            assertThat(hold.reasons()).containsExactly("foreign-host");
        }
    }

    private static void waitUntilGone(long pid) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (Files.exists(Path.of("/proc/" + pid)) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(Files.exists(Path.of("/proc/" + pid))).as("container process %d ended", pid).isFalse();
    }
}
