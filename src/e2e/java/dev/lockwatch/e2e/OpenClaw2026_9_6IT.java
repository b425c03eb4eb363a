package dev.lockwatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.time.Duration;
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
 * OpenClaw 2026.9.6: gateway lock (padded JSON) under {@code <state>/tmp/openclaw-<uid>/} beside {@code gateway.state.lock};
 * restart is SIGUSR2 and SIGUSR1 opens Node's debugger on 127.0.0.1:9229, so Lockwatch must never send SIGUSR1 to it; no
 * session lock files (write leases live in SQLite). One real gateway for the whole class.
 */
@Tag("openclaw-e2e")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 10, unit = java.util.concurrent.TimeUnit.MINUTES)
class OpenClaw2026_9_6IT {
    static final String VERSION = "2026.9.6";

    private OpenClawGateway gateway;

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
    void gatewayIsFoundUnderTheStateDirAndVerified() throws Exception {
        String raw = Files.readString(gateway.gatewayLock());
        assertThat(raw.strip().length()).as("2026.9 pads its gateway lock").isLessThan(raw.length());
        assertThat(gateway.gatewayLock().toString()).startsWith(gateway.stateDir().resolve("tmp/openclaw-").toString());

        Lockwatch.Result r = Lockwatch.run(gateway, "gateway", "--json", "--state-dir", gateway.stateDir().toString());
        assertThat(r.exit()).as(r.toString()).isZero();
        JsonNode g = E2e.onlyGateway(r);
        assertThat(g.path("lockPath").asText()).isEqualTo(gateway.gatewayLock().toString());
        assertThat(g.path("verified").asBoolean()).as(r.toString()).isTrue();
        assertThat(g.path("pid").asLong()).isEqualTo(gateway.pid());
        assertThat(g.path("startTime").asLong()).isEqualTo(gateway.starttime());
        assertThat(g.path("port").isNumber()).as(r.toString()).isTrue();
    }

    @Test
    @Order(2)
    void gatewayReportsItsVersionAndSigusr2() throws Exception {
        Lockwatch.Result r = Lockwatch.run(gateway, "gateway", "--json", "--state-dir", gateway.stateDir().toString());
        JsonNode g = E2e.onlyGateway(r);
        assertThat(g.path("version").asText(null)).as(r.toString()).isEqualTo(VERSION);
        assertThat(g.path("restartSignal").asText(null)).as(r.toString()).isEqualTo("SIGUSR2");
    }

    @Test
    @Order(3)
    void sigusr1IsRefused() throws Exception {
        Lockwatch.Result r = Lockwatch.run(gateway, "restart", "--json", "--yes", "--state-dir", gateway.stateDir().toString(),
                "--signal", "SIGUSR1", "--timeout", "10s", "--audit-log", gateway.sandbox().resolve("audit-sigusr1.jsonl").toString());
        JsonNode doc = r.json();
        boolean debuggerOpened = gateway.output().contains("Debugger listening");
        assertThat(doc.path("outcome").asText()).as(r + "\ndebugger opened: " + debuggerOpened).isEqualTo("refused");
        assertThat(r.exit()).as(r.toString()).isEqualTo(4);
        assertThat(doc.path("signalledAt").isNull()).as("nothing sent").isTrue();
        assertThat(doc.path("message").asText()).as(r.toString()).contains("SIGUSR2");
        assertThat(debuggerOpened).as("SIGUSR1 reached the gateway and opened Node's debugger").isFalse();
    }

    @Test
    @Order(4)
    void autoSendsSigusr2AndTheGatewayRestartsInProcess() throws Exception {
        String lockBefore = gateway.gatewayLockJson().path("createdAt").asText();
        Lockwatch.Result r = Lockwatch.run(gateway, "restart", "--json", "--yes", "--state-dir", gateway.stateDir().toString(),
                "--signal", "auto", "--timeout", "120s", "--audit-log", gateway.sandbox().resolve("audit.jsonl").toString());
        JsonNode doc = r.json();
        assertThat(doc.path("signal").asText(null)).as(r.toString()).isEqualTo("SIGUSR2");
        assertThat(doc.path("outcome").asText()).as(r.toString()).isEqualTo("released");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(doc.path("tracked")).as("no session lock files on 2026.9").isEmpty();
        assertThat(E2e.texts(doc.path("warnings"))).as("says plainly where the write leases are: " + r)
                .anySatisfy(w -> assertThat(w).contains("keeps session write leases in SQLite"));
        assertThat(doc.path("gatewayAfter").path("samePid").asBoolean()).as(r.toString()).isTrue();
        assertThat(doc.path("gatewayAfter").path("pid").asLong()).isEqualTo(gateway.pid());
        assertThat(gateway.isAlive()).isTrue();
        Poll.until("the gateway logs its SIGUSR2 restart", Duration.ofSeconds(30),
                () -> gateway.output().contains("received SIGUSR2; restarting"), () -> gateway.outputTail(30));
        assertThat(gateway.gatewayLockJson().path("createdAt").asText()).isNotEqualTo(lockBefore);
        assertThat(gateway.output()).doesNotContain("Debugger listening");
    }

    @Test
    @Order(5)
    void aRunningAgentLeavesNoSessionLockFile() throws Exception {
        int before = gateway.model().chatRequests();
        JsonNode accepted = gateway.callAgent("e2e-96-a");
        assertThat(accepted.path("status").asText()).as(accepted.toString()).isEqualTo("accepted");
        Poll.until("the run reaches the model", Duration.ofMinutes(2), () -> gateway.model().chatRequests() > before, () -> gateway.outputTail(30));
        Lockwatch.Result r = Lockwatch.run(gateway, "scan", "--json", gateway.stateDir().toString());
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(E2e.locks(r)).as("2026.9 keeps its write leases in SQLite: " + r).isEmpty();
        // what holds it lives in SQLite and in the gateway locks: all live and the gateway's
        JsonNode doc = r.json();
        assertThat(doc.path("gateways")).as(r.toString()).isNotEmpty().allSatisfy(g -> {
            assertThat(g.path("verdict").asText()).isEqualTo("live");
            assertThat(g.path("hostPid").asLong()).isEqualTo(gateway.pid());
            assertThat(g.path("ownerId").asText()).isNotBlank();
        });
        assertThat(doc.path("leases")).as(r.toString()).anySatisfy(l -> {
            assertThat(l.path("scope").asText()).isEqualTo("gateway-owner");
            assertThat(l.path("verdict").asText()).isEqualTo("live");
            assertThat(l.path("holder").path("hostPid").asLong()).isEqualTo(gateway.pid());
        });
        assertThat(doc.path("sessions")).as(r.toString()).anySatisfy(s -> {
            assertThat(s.path("status").asText()).isEqualTo("running");
            assertThat(s.path("verdict").asText()).isEqualTo("live");
            assertThat(s.path("runId").asText()).isNotBlank();
        });
        assertThat(doc.path("databases")).as(r.toString()).allSatisfy(d -> assertThat(d.path("error").isNull()).isTrue());
        gateway.model().releaseStalled();
    }
}
