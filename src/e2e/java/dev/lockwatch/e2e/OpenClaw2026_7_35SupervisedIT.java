package dev.lockwatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * OpenClaw 2026.7.35 that believes systemd supervises it ({@code INVOCATION_ID} set): the restart signal makes it exit so
 * that its supervisor can start it again, and here no one does. Lockwatch says {@code gateway-gone}; the session locks it
 * left name a dead pid, and {@code clean} removes them.
 */
@Tag("openclaw-e2e")
@Timeout(value = 10, unit = java.util.concurrent.TimeUnit.MINUTES)
class OpenClaw2026_7_35SupervisedIT {

    @Test
    void restartOfASupervisedGatewayEndsGatewayGoneAndCleanRemovesWhatItLeft() throws Exception {
        try (OpenClawGateway gateway = OpenClawGateway.start(OpenClawGateway.Options.of(OpenClaw2026_7_35IT.VERSION)
                .env("INVOCATION_ID", "lockwatch-e2e-" + UUID.randomUUID().toString().replace("-", "")))) {
            List<Path> held = gateway.holdSessionLocks("e2e-supervised-a", "e2e-supervised-b");
            long pid = gateway.pid();
            String audit = gateway.sandbox().resolve("audit.jsonl").toString();

            Lockwatch.Result r = Lockwatch.run(gateway, "restart", "--json", "--yes", "--state-dir", gateway.stateDir().toString(),
                    "--signal", "auto", "--timeout", "90s", "--audit-log", audit);
            JsonNode doc = r.json();
            assertThat(doc.path("outcome").asText()).as(r.toString()).isEqualTo("gateway-gone");
            assertThat(r.exit()).as(r.toString()).isEqualTo(7);
            assertThat(doc.path("signal").asText()).as("auto picks SIGUSR1 for 2026.7.35: " + r).isEqualTo("SIGUSR1");
            assertThat(doc.path("gatewayAfter").isNull()).as(r.toString()).isTrue();
            assertThat(E2e.texts(doc.path("tracked"))).containsAll(held.stream().map(Path::toString).toList());
            gateway.awaitExit(Duration.ofSeconds(60));
            assertThat(gateway.output()).contains("full process restart");

            Lockwatch.Result scan = Lockwatch.run(gateway, "scan", "--json", gateway.stateDir().toString());
            List<JsonNode> left = E2e.locks(scan);
            for (JsonNode lock : left) {
                assertThat(lock.path("pid").asLong()).as(scan.toString()).isEqualTo(pid);
                assertThat(lock.path("verdict").asText()).as(scan.toString()).isEqualTo("stale");
                assertThat(E2e.texts(lock.path("reasons"))).as(scan.toString()).contains("dead-pid");
                assertThat(lock.path("removable").asBoolean()).isTrue();
            }
            // What the gateway left behind, as seen here: both locks (its exit does not release them).
            System.err.println("[lockwatch-e2e] 2026.7.35 under INVOCATION_ID left " + left.size() + " session lock(s) after exiting");

            Lockwatch.Result clean = Lockwatch.run(gateway, "clean", "--json", "--audit-log", audit, gateway.stateDir().toString());
            assertThat(clean.exit()).as(clean.toString()).isZero();
            JsonNode results = clean.json().path("results");
            assertThat(results).as(clean.toString()).hasSize(left.size());
            results.forEach(x -> assertThat(x.path("outcome").asText()).as(clean.toString()).isEqualTo("removed"));
            assertThat(held).noneMatch(Files::exists);
            assertThat(E2e.locks(Lockwatch.run(gateway, "scan", "--json", gateway.stateDir().toString()))).isEmpty();
        }
    }
}
