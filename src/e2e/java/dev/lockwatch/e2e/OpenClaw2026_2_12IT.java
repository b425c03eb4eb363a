package dev.lockwatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * OpenClaw 2026.2.12, the seed's bug reproduced: session locks without starttime; on SIGUSR1 it drains for a fixed 30 s,
 * then restarts in process without rewriting its gateway lock (the restart is only in its log), and both session locks
 * survive, still held open by the runs from before the restart. Lockwatch must say {@code survivors}, call each one
 * {@code live} with the note {@code held-over-restart}, and {@code clean} must keep them. One real gateway for the class.
 */
@Tag("openclaw-e2e")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 10, unit = java.util.concurrent.TimeUnit.MINUTES)
class OpenClaw2026_2_12IT {
    static final String VERSION = "2026.2.12";

    private OpenClawGateway gateway;
    private List<Path> held = List.of();

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
        assertThat(g.path("lockPath").asText()).isEqualTo(gateway.gatewayLock().toString())
                .startsWith(gateway.tmpDir().resolve("openclaw-").toString());
        assertThat(g.path("verified").asBoolean()).as(r.toString()).isTrue();
        assertThat(g.path("pid").asLong()).as("OPENCLAW_NO_RESPAWN=1: the pid started is the gateway").isEqualTo(gateway.pid());
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
    void locksWithoutStarttimeScanAsLiveWhileHeld() throws Exception {
        held = gateway.holdSessionLocks("e2e-212-a", "e2e-212-b");
        for (Path lock : held) {
            JsonNode payload = new com.fasterxml.jackson.databind.ObjectMapper().readTree(Files.readString(lock));
            assertThat(payload.has("starttime")).as("2026.2.12 writes no starttime: " + payload).isFalse();
        }
        Lockwatch.Result r = Lockwatch.run(gateway, "scan", "--json", gateway.stateDir().toString());
        assertThat(r.exit()).as(r.toString()).isZero();
        List<JsonNode> locks = E2e.locks(r);
        // the held locks, plus any the gateway holds for a run of its own (every one checked below)
        assertThat(locks).extracting(l -> l.path("path").asText())
                .containsAll(held.stream().map(Path::toString).toList());
        for (JsonNode lock : locks) {
            assertThat(lock.path("verdict").asText()).as(r.toString()).isEqualTo("live");
            assertThat(lock.path("starttime").isNull()).isTrue();
            assertThat(lock.path("maxHoldMs").isNull()).isTrue();
            assertThat(lock.path("pid").asLong()).isEqualTo(gateway.pid());
            assertThat(lock.path("holder").path("hostPid").asLong()).isEqualTo(gateway.pid());
            assertThat(lock.path("holder").path("holdsOpen").asBoolean()).as(r.toString()).isTrue();
        }
    }

    @Test
    @Order(4)
    void restartEndsInSurvivorsHeldOverTheRestartAndCleanKeepsThem() throws Exception {
        if (held.isEmpty() || !held.stream().allMatch(Files::exists)) {
            held = gateway.holdSessionLocks("e2e-212-c", "e2e-212-d");
        }
        Map<Path, String> contentBefore = new HashMap<>();
        for (Path lock : held) {
            contentBefore.put(lock, Files.readString(lock));
        }
        String gatewayLockBefore = Files.readString(gateway.gatewayLock());
        String audit = gateway.sandbox().resolve("audit.jsonl").toString();

        // It drains for a fixed 30 s before restarting: 60 s leave room to see the restart in its log.
        Lockwatch.Result r = Lockwatch.run(gateway, "restart", "--json", "--yes", "--state-dir", gateway.stateDir().toString(),
                "--signal", "SIGUSR1", "--timeout", "60s", "--audit-log", audit);
        JsonNode doc = r.json();
        assertThat(doc.path("outcome").asText()).as(r.toString()).isEqualTo("survivors");
        assertThat(r.exit()).as(r.toString()).isEqualTo(3);
        assertThat(E2e.texts(doc.path("tracked"))).containsAll(held.stream().map(Path::toString).toList());
        assertThat(doc.path("released")).as(r.toString()).isEmpty();
        assertThat(doc.path("gatewayAfter").path("samePid").asBoolean()).as(r.toString()).isTrue();
        assertThat(doc.path("gatewayAfter").path("pid").asLong()).isEqualTo(gateway.pid());
        assertThat(E2e.texts(doc.path("survivors"), "path")).containsExactlyInAnyOrderElementsOf(E2e.texts(doc.path("tracked")));
        for (JsonNode s : doc.path("survivors")) {
            assertThat(s.path("verdict").asText()).as(r.toString()).isEqualTo("live");
            assertThat(s.path("reasons")).as(r.toString()).isEmpty();
            assertThat(s.path("note").asText("")).as(r.toString()).startsWith("held-over-restart");
        }
        assertThat(gateway.isAlive()).isTrue();
        assertThat(Files.readString(gateway.gatewayLock())).as("2026.2.12 does not rewrite its gateway lock").isEqualTo(gatewayLockBefore);
        assertThat(gateway.output().split("listening on ws://127\\.0\\.0\\.1", -1)).as("restarted: a second listening line")
                .hasSizeGreaterThanOrEqualTo(3);
        for (Path lock : held) {
            assertThat(Files.readString(lock)).as("survives unchanged").isEqualTo(contentBefore.get(lock));
        }

        Lockwatch.Result clean = Lockwatch.run(gateway, "clean", "--include-orphaned", "--json", "--audit-log", audit,
                gateway.stateDir().toString());
        assertThat(clean.exit()).as(clean.toString()).isZero();
        JsonNode results = clean.json().path("results");
        assertThat(E2e.texts(results, "path")).containsAll(held.stream().map(Path::toString).toList());
        results.forEach(x -> {
            assertThat(x.path("outcome").asText()).as(clean.toString()).isEqualTo("kept");
            assertThat(x.path("verdict").asText()).as(clean.toString()).isEqualTo("live");
        });
        for (Path lock : held) {
            assertThat(Files.readString(lock)).as("clean kept " + lock).isEqualTo(contentBefore.get(lock));
        }
        Lockwatch.Result scan = Lockwatch.run(gateway, "scan", "--json", gateway.stateDir().toString());
        assertThat(E2e.locks(scan)).as(scan.toString())
                .allSatisfy(l -> assertThat(l.path("verdict").asText()).isEqualTo("live"))
                .allSatisfy(l -> assertThat(l.path("holder").path("holdsOpen").asBoolean()).isTrue());
    }
}
