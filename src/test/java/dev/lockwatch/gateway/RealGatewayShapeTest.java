package dev.lockwatch.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lockwatch.process.LinuxProcProbe;
import dev.lockwatch.process.RestartSignal;
import dev.lockwatch.process.Users;
import dev.lockwatch.restart.RestartPlan;
import dev.lockwatch.restart.RestartPlanner;
import dev.lockwatch.restart.SignalChoice;
import dev.lockwatch.testing.ChildProcess;
import dev.lockwatch.testing.LockFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What real gateways look like, as seen on 2026.2.12, 2026.7.35 and 2026.9.6: the process title
 * {@code openclaw-gateway} replaces the whole command line, and from 2026.8 the same payload sits in
 * {@code gateway.<hash>.lock} and {@code gateway.state.lock}.
 */
class RealGatewayShapeTest {
    @TempDir
    Path tmp;

    @BeforeAll
    static void linuxOnly() {
        assumeTrue(Files.isReadable(Path.of("/proc/self/stat")), "needs Linux /proc");
    }

    /** A process whose command line is only its title, as Node's process.title leaves it. */
    private static ChildProcess titled() throws Exception {
        return ChildProcess.bash("echo ready; exec -a openclaw-gateway sleep 600");
    }

    private Path lockDir() throws Exception {
        return Files.createDirectories(tmp.resolve("tmp").resolve("openclaw-" + Users.currentUid()));
    }

    private Path install(String version) throws Exception {
        Path pkg = Files.createDirectories(tmp.resolve("lib/node_modules/openclaw/dist"));
        Files.writeString(pkg.getParent().resolve("package.json"), "{\"name\":\"openclaw\",\"version\":\"" + version + "\"}");
        return pkg.resolve("subsystem-D3EStusm.js");
    }

    private Path config(Path log) throws Exception {
        return LockFiles.write(tmp.resolve("openclaw.json"), "{\"logging\":{\"file\":\"" + log + "\"}}");
    }

    private static String payload(long pid, long startTime, Path config) {
        return "{\n  \"pid\": " + pid + ",\n  \"createdAt\": \"" + Instant.now() + "\",\n  \"configPath\": \"" + config
                + "\",\n  \"startTime\": " + startTime + "\n}";
    }

    @Test
    void versionComesFromTheSourceFilesTheGatewaysLogNames() throws Exception {
        Path source = install("2026.7.35");
        Path log = tmp.resolve("gateway.log");
        Files.writeString(log, "{\"0\":\"loading configuration…\",\"_meta\":{\"path\":{\"fullFilePath\":\"file://" + source
                + ":180:14\",\"filePath\":\"" + source + "\"}}}\n");
        try (ChildProcess gateway = titled()) {
            Thread.sleep(100); // let bash exec into the titled sleep
            LockFiles.write(lockDir().resolve("gateway.1a2b3c4d.lock"), payload(gateway.pid(), gateway.starttime(), config(log)));
            GatewayInfo info = GatewayDiscovery.find(Optional.empty(), Optional.of(lockDir()), new LinuxProcProbe()).get(0);
            assertThat(info.command()).isEqualTo("openclaw-gateway 600");
            assertThat(info.verified()).as(info.why()).isTrue();
            assertThat(info.version()).isEqualTo("2026.7.35");
            assertThat(info.restartSignal()).isEqualTo(RestartSignal.SIGUSR1);
        }
    }

    @Test
    void withoutAnyTraceOfItsInstallTheVersionStaysUnknown() throws Exception {
        try (ChildProcess gateway = titled()) {
            Thread.sleep(100);
            LockFiles.write(lockDir().resolve("gateway.1a2b3c4d.lock"),
                    payload(gateway.pid(), gateway.starttime(), config(tmp.resolve("no-such.log"))));
            GatewayInfo info = GatewayDiscovery.find(Optional.empty(), Optional.of(lockDir()), new LinuxProcProbe()).get(0);
            assertThat(info.verified()).isTrue();
            assertThat(info.version()).isNull();
            assertThat(info.restartSignal()).isNull();
        }
    }

    @Test
    void aGatewayWithAHashLockAndAStateLockIsOneGateway() throws Exception {
        Path source = install("2026.9.6");
        Path log = tmp.resolve("gateway.log");
        Files.writeString(log, "{\"_meta\":{\"path\":{\"filePath\":\"" + source + "\"}}}\n");
        try (ChildProcess gateway = titled()) {
            Thread.sleep(100);
            String padded = "   " + payload(gateway.pid(), gateway.starttime(), config(log)).replace(",", " ,  ") + "\n\n   ";
            Path hashLock = LockFiles.write(lockDir().resolve("gateway.9f8e7d6c.lock"), padded);
            LockFiles.write(lockDir().resolve("gateway.state.lock"), padded);
            List<GatewayInfo> found = GatewayDiscovery.find(Optional.empty(), Optional.of(lockDir()), new LinuxProcProbe());
            assertThat(found).hasSize(2).allSatisfy(g -> assertThat(g.verified()).isTrue());
            RestartPlan plan = RestartPlanner.plan(found, SignalChoice.AUTO, List.of(), pid -> null, Instant.now());
            assertThat(plan.refusal()).isNull();
            assertThat(plan.gateway().lockPath()).isEqualTo(hashLock);
            assertThat(plan.signal()).isEqualTo(RestartSignal.SIGUSR2);
            assertThat(plan.warnings()).anyMatch(w -> w.contains("keeps session write leases in SQLite"));
            // and SIGUSR1 is refused for it: it would open Node's debugger
            assertThat(RestartPlanner.plan(found, SignalChoice.SIGUSR1, List.of(), pid -> null, Instant.now()).refusal())
                    .contains("debugger");
        }
    }
}
