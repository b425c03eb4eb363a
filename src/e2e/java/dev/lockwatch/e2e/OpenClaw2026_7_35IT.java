package dev.lockwatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * OpenClaw 2026.7.35, the last release with {@code .jsonl.lock} session locks (gateway lock in
 * {@code $TMPDIR/openclaw-<uid>/}): one real gateway for the whole class, in the order an operator meets it: find and
 * verify it, see two held locks as live, restart it (same pid, locks released), and be told about the 30 s cooldown.
 */
@Tag("openclaw-e2e")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 10, unit = java.util.concurrent.TimeUnit.MINUTES)
class OpenClaw2026_7_35IT {
    static final String VERSION = "2026.7.35";

    private OpenClawGateway gateway;
    private List<Path> held = List.of();
    private Instant restartSignalledAt;

    @BeforeAll
    void startGateway() throws Exception {
        gateway = OpenClawGateway.start(OpenClawGateway.Options.of(VERSION));
    }

    @AfterAll
    void stopGateway() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    @Order(1)
    void gatewayIsFoundAndVerified() throws Exception {
        Lockwatch.Result r = Lockwatch.run(gateway, "gateway", "--json", "--state-dir", gateway.stateDir().toString());
        assertThat(r.exit()).as(r.toString()).isZero();
        JsonNode g = E2e.onlyGateway(r);
        assertThat(g.path("lockPath").asText()).as(r.toString()).isEqualTo(gateway.gatewayLock().toString())
                .startsWith(gateway.tmpDir().resolve("openclaw-").toString());
        assertThat(g.path("verified").asBoolean()).as(r.toString()).isTrue();
        assertThat(g.path("pid").asLong()).isEqualTo(gateway.pid());
        assertThat(g.path("hostPid").asLong()).isEqualTo(gateway.pid());
        assertThat(g.path("startTime").asLong()).isEqualTo(gateway.starttime());
        assertThat(g.path("why").asText()).contains("starttime " + gateway.starttime() + " matches the lock");
        assertThat(g.path("configPath").asText()).isEqualTo(gateway.configPath().toString());
        assertThat(g.path("restartEnabled").asBoolean()).isTrue();
    }

    @Test
    @Order(2)
    void gatewayReportsItsVersionAndRestartSignal() throws Exception {
        Lockwatch.Result r = Lockwatch.run(gateway, "gateway", "--json", "--state-dir", gateway.stateDir().toString());
        JsonNode g = E2e.onlyGateway(r);
        assertThat(g.path("version").asText(null)).as(r.toString()).isEqualTo(VERSION);
        assertThat(g.path("restartSignal").asText(null)).as(r.toString()).isEqualTo("SIGUSR1");
    }

    @Test
    @Order(3)
    void twoHeldSessionLocksScanAsLive() throws Exception {
        held = gateway.holdSessionLocks("e2e-735-a", "e2e-735-b");
        Lockwatch.Result r = Lockwatch.run(gateway, "scan", "--json", gateway.stateDir().toString());
        assertThat(r.exit()).as(r.toString()).isZero();
        List<JsonNode> locks = E2e.locks(r);
        // the held locks, plus any the gateway holds for a run of its own (seen once: a session it started by
        // itself 5 s after start-up); every lock reported must be the gateway's and live (checked below)
        assertThat(locks).as(r.toString()).extracting(l -> l.path("path").asText())
                .containsAll(held.stream().map(Path::toString).toList());
        for (JsonNode lock : locks) {
            assertThat(lock.path("verdict").asText()).as(r.toString()).isEqualTo("live");
            assertThat(lock.path("reasons")).isEmpty();
            assertThat(lock.path("removable").asBoolean()).isFalse();
            assertThat(lock.path("pid").asLong()).isEqualTo(gateway.pid());
            assertThat(lock.path("starttime").asLong()).as("2026.7 writes starttime").isEqualTo(gateway.starttime());
            assertThat(lock.path("maxHoldMs").asLong()).as("2026.7 writes maxHoldMs").isPositive();
            assertThat(lock.path("agent").asText()).isEqualTo("main");
            JsonNode holder = lock.path("holder");
            assertThat(holder.path("alive").asBoolean()).isTrue();
            assertThat(holder.path("hostPid").asLong()).isEqualTo(gateway.pid());
            assertThat(holder.path("pidNamespace").asText()).isEqualTo("same");
            assertThat(holder.path("holdsOpen").asBoolean()).as(r.toString()).isTrue();
        }
    }

    @Test
    @Order(4)
    void restartWithAutoSendsSigusr1AndReleasesTheLocksInTheSameProcess() throws Exception {
        if (held.isEmpty() || !held.stream().allMatch(Files::exists)) {
            held = gateway.holdSessionLocks("e2e-735-c", "e2e-735-d");
        }
        Instant lockBefore = Instant.parse(gateway.gatewayLockJson().path("createdAt").asText());
        // --signal auto: Lockwatch picks SIGUSR1 from the version it found (the process title hides the install)
        Lockwatch.Result r = Lockwatch.run(gateway, "restart", "--json", "--yes", "--state-dir", gateway.stateDir().toString(),
                "--signal", "auto", "--timeout", "90s", "--audit-log", gateway.sandbox().resolve("audit.jsonl").toString());
        JsonNode doc = r.json();
        assertThat(doc.path("outcome").asText()).as(r.toString()).isEqualTo("released");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(doc.path("signal").asText()).as(r.toString()).isEqualTo("SIGUSR1");
        assertThat(doc.path("gateway").path("pid").asLong()).isEqualTo(gateway.pid());
        assertThat(doc.path("gateway").path("version").asText(null)).as(r.toString()).isEqualTo(VERSION);
        // the held locks, plus any the gateway held for a run of its own: every tracked lock must be released
        assertThat(E2e.texts(doc.path("tracked"))).as(r.toString())
                .containsAll(held.stream().map(Path::toString).toList());
        assertThat(E2e.texts(doc.path("released"), "path")).as(r.toString())
                .containsExactlyInAnyOrderElementsOf(E2e.texts(doc.path("tracked")));
        doc.path("released").forEach(x -> assertThat(x.path("afterMs").asLong()).isNotNegative());
        assertThat(doc.path("survivors")).as(r.toString()).isEmpty();
        assertThat(doc.path("gatewayAfter").path("pid").asLong()).as(r.toString()).isEqualTo(gateway.pid());
        assertThat(doc.path("gatewayAfter").path("samePid").asBoolean()).as(r.toString()).isTrue();
        Instant signalledAt = Instant.parse(doc.path("signalledAt").asText());
        restartSignalledAt = signalledAt;

        assertThat(gateway.isAlive()).as("restarted in process: the pid started is still the gateway").isTrue();
        Instant lockAfter = Instant.parse(gateway.gatewayLockJson().path("createdAt").asText());
        assertThat(lockAfter).as("2026.7.35 rewrites its gateway lock when it restarts").isAfter(lockBefore)
                .isAfterOrEqualTo(signalledAt.minusMillis(1));
        assertThat(gateway.output()).contains("received SIGUSR1; restarting");
        // A released lock may come back for a moment with a new createdAt before the gateway removes it itself.
        Poll.until("the gateway removed its session locks for good", Duration.ofSeconds(60),
                () -> held.stream().noneMatch(Files::exists), () -> gateway.outputTail(30));
        Lockwatch.Result after = Lockwatch.run(gateway, "gateway", "--json", "--state-dir", gateway.stateDir().toString());
        assertThat(E2e.onlyGateway(after).path("verified").asBoolean()).as(after.toString()).isTrue();
    }

    @Test
    @Order(5)
    void aSecondRestartWithinThirtySecondsIsHeldBackAndSaysSo() throws Exception {
        assumeTrue(restartSignalledAt != null && Instant.now().isBefore(restartSignalledAt.plusSeconds(25)),
                "needs the restart above, less than 25 s ago");
        Lockwatch.Result r = Lockwatch.run(gateway, "restart", "--json", "--yes", "--state-dir", gateway.stateDir().toString(),
                "--signal", "auto", "--timeout", "20s", "--audit-log", gateway.sandbox().resolve("audit.jsonl").toString());
        JsonNode doc = r.json();
        assertThat(r.exit()).as(r.toString()).isEqualTo(4);
        assertThat(doc.path("outcome").asText()).isEqualTo("refused");
        assertThat(doc.path("message").asText()).as(r.toString()).contains("30 s");
        assertThat(doc.path("signalledAt").isNull()).as("nothing sent").isTrue();
    }
}
