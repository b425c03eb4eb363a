package dev.lockwatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * OpenClaw 2026.7.35 with running work and a long {@code gateway.reload.deferralTimeoutMs}: on the restart signal it
 * waits for the work to drain before restarting. Within a short {@code --timeout} its gateway lock is not rewritten, so the
 * outcome is {@code gateway-not-restarted} with the explanation, not {@code survivors}.
 */
@Tag("openclaw-e2e")
@Timeout(value = 10, unit = java.util.concurrent.TimeUnit.MINUTES)
class OpenClaw2026_7_35DeferredIT {

    @Test
    void aDeferredRestartIsGatewayNotRestartedNotSurvivors() throws Exception {
        try (OpenClawGateway gateway = OpenClawGateway.start(OpenClawGateway.Options.of(OpenClaw2026_7_35IT.VERSION)
                .deferralTimeoutMs(600_000))) {
            List<Path> held = gateway.holdSessionLocks("e2e-deferred-a");
            String lockBefore = gateway.gatewayLockJson().path("createdAt").asText();

            Lockwatch.Result r = Lockwatch.run(gateway, "restart", "--json", "--yes", "--state-dir", gateway.stateDir().toString(),
                    "--signal", "auto", "--timeout", "15s", "--audit-log", gateway.sandbox().resolve("audit.jsonl").toString());
            JsonNode doc = r.json();
            assertThat(doc.path("outcome").asText()).as(r.toString()).isEqualTo("gateway-not-restarted");
            assertThat(r.exit()).as(r.toString()).isEqualTo(6);
            assertThat(doc.path("signal").asText()).as("auto picks SIGUSR1 for 2026.7.35: " + r).isEqualTo("SIGUSR1");
            assertThat(doc.path("gatewayAfter").isNull()).as(r.toString()).isTrue();
            assertThat(doc.path("released")).as(r.toString()).isEmpty();
            assertThat(doc.path("message").asText()).as(r.toString()).contains("not rewritten").contains("draining");
            assertThat(E2e.texts(doc.path("tracked"))).containsAll(held.stream().map(Path::toString).toList());

            assertThat(gateway.isAlive()).isTrue();
            assertThat(gateway.gatewayLockJson().path("createdAt").asText()).as("not restarted yet").isEqualTo(lockBefore);
            assertThat(gateway.output()).contains("signal SIGUSR1 received").doesNotContain("received SIGUSR1; restarting");
            assertThat(held).allMatch(Files::exists);
            Lockwatch.Result scan = Lockwatch.run(gateway, "scan", "--json", gateway.stateDir().toString());
            assertThat(E2e.locks(scan)).as(scan.toString()).singleElement()
                    .satisfies(l -> assertThat(l.path("verdict").asText()).isEqualTo("live"));
        }
    }
}
