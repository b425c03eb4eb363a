package dev.lockwatch.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lockwatch.process.ProcessProbe;
import dev.lockwatch.process.ProcessProbes;
import dev.lockwatch.process.RestartSignal;
import dev.lockwatch.process.Users;
import dev.lockwatch.testing.ChildProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Gateway discovery with real child processes whose command lines look like a gateway's, forged gateway locks and a
 * fake OpenClaw install. Nothing is signalled here.
 */
class GatewayDiscoveryTest {
    private static final ProcessProbe PROBE = ProcessProbes.forThisPlatform();

    @TempDir
    Path tmp;

    private Path tmpdir;
    private Path state;
    private Map<String, String> env;
    private String perUser;

    @BeforeEach
    void setUp() throws IOException {
        assumeTrue(Files.isReadable(Path.of("/proc/self/stat")), "needs Linux /proc");
        tmpdir = Files.createDirectories(tmp.resolve("tmpdir"));
        state = Files.createDirectories(tmp.resolve("state"));
        env = Map.of("TMPDIR", tmpdir.toString(), "HOME", tmp.resolve("home").toString());
        perUser = "openclaw-" + Users.currentUid();
    }

    /** A fake install {@code <tmp>/<dir>/openclaw/} with package.json and openclaw.mjs; returns the entry point. */
    private Path install(String dir, String version) throws IOException {
        Path root = Files.createDirectories(tmp.resolve(dir).resolve("openclaw"));
        Files.writeString(root.resolve("package.json"), "{\n  \"name\": \"openclaw\",\n  \"version\": \"" + version + "\",\n  \"type\": \"module\"\n}\n");
        return Files.writeString(root.resolve("openclaw.mjs"), "#!/usr/bin/env node\n");
    }

    private static ChildProcess gatewayLike(Path entry) throws IOException {
        return ChildProcess.bash("echo ready; read -r _", entry.toString(), "gateway");
    }

    private Path tmpLockDir() throws IOException {
        return Files.createDirectories(tmpdir.resolve(perUser));
    }

    private Path stateLockDir() throws IOException {
        return Files.createDirectories(state.toRealPath().resolve("tmp").resolve(perUser));
    }

    private Path config(String json) throws IOException {
        return Files.writeString(state.resolve("openclaw.json"), json);
    }

    /** A 2026.7.x gateway lock, pretty-printed as OpenClaw writes it. */
    private static String lock(Object pid, Long startTime, Path config) {
        return "{\n  \"pid\": " + pid + ",\n  \"createdAt\": \"" + Instant.now() + "\",\n  \"configPath\": \"" + config + "\""
                + (startTime == null ? "" : ",\n  \"startTime\": " + startTime) + ",\n  \"port\": 18799\n}";
    }

    private static Path write(Path dir, String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    private List<GatewayInfo> find() {
        return GatewayDiscovery.find(Optional.of(state), Optional.empty(), PROBE, env);
    }

    private GatewayInfo only() {
        List<GatewayInfo> found = find();
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    @Test
    void verifiedByStarttimeWithVersionAndSignalFromItsInstall() throws Exception {
        Path entry = install("opt", "2026.7.35");
        Path config = config("// OpenClaw config\n{\n  gateway: { port: 18799, },\n  'commands': { \"native\": true, },\n}\n");
        try (ChildProcess gw = gatewayLike(entry)) {
            Path lockFile = write(tmpLockDir(), "gateway.1a2b3c4d.lock", lock(gw.pid(), gw.starttime(), config));
            GatewayInfo g = only();
            assertThat(g.lockPath()).isEqualTo(lockFile);
            assertThat(g.verified()).as(g.why()).isTrue();
            assertThat(g.why()).isEqualTo("pid " + gw.pid() + " is alive and its starttime " + gw.starttime() + " matches the lock");
            assertThat(g.pid()).isEqualTo(gw.pid());
            assertThat(g.hostPid()).isEqualTo(gw.pid());
            assertThat(g.nested()).isFalse();
            assertThat(g.startTime()).isEqualTo(gw.starttime());
            assertThat(g.port()).isEqualTo(18799);
            assertThat(g.configPath()).isEqualTo(config.toString());
            assertThat(g.createdAt()).isNotNull();
            assertThat(g.createdAtRaw()).isEqualTo(g.createdAt().toString());
            assertThat(g.version()).isEqualTo("2026.7.35");
            assertThat(g.restartSignal()).isEqualTo(RestartSignal.SIGUSR1);
            assertThat(g.restartEnabled()).as("commands.restart absent: enabled").isTrue();
            assertThat(g.command()).contains(entry.toString()).endsWith("gateway");
        }
    }

    @Test
    void stateDirLocationWithPaddedJsonAndNewFieldsAndAVersionThatRestartsOnSigusr2() throws Exception {
        Path entry = install("opt96", "2026.9.6");
        Path config = config("{\"commands\": {\"restart\": true}}");
        try (ChildProcess gw = gatewayLike(entry)) {
            String padded = "  \n{   \"role\" :  \"gateway\" ,\n\n\t\"pid\"   :   " + gw.pid() + "   ,   \"createdAt\":\"2026-09-20T10:00:00.000Z\",\n"
                    + "  \"configPath\" : \"" + config + "\", \"startTime\":" + gw.starttime() + ", \"port\": 18789,\n"
                    + "  \"ownerId\": \"a1b2\", \"stateDir\": \"" + state + "\", \"future\": {\"x\": [1, 2]}, \"hostname\": \"box\"   }\n\n   ";
            Path lockFile = write(stateLockDir(), "gateway.state.lock", padded);
            GatewayInfo g = only();
            assertThat(g.lockPath()).isEqualTo(lockFile);
            assertThat(g.verified()).as(g.why()).isTrue();
            assertThat(g.createdAt()).isEqualTo(Instant.parse("2026-09-20T10:00:00Z"));
            assertThat(g.role()).isEqualTo("gateway");
            assertThat(g.ownerId()).isEqualTo("a1b2");
            assertThat(g.stateDir()).isEqualTo(state.toString());
            assertThat(g.port()).isEqualTo(18789);
            assertThat(g.version()).isEqualTo("2026.9.6");
            assertThat(g.restartSignal()).isEqualTo(RestartSignal.SIGUSR2);
            assertThat(g.restartEnabled()).isTrue();
        }
    }

    @Test
    void bothLocationsAreSearchedAndEveryLockIsReported() throws Exception {
        Path entry = install("opt", "2026.7.35");
        try (ChildProcess gw = gatewayLike(entry)) {
            Path old = write(tmpLockDir(), "gateway.00000001.lock", lock(gw.pid(), gw.starttime(), state.resolve("openclaw.json")));
            Path hashed = write(stateLockDir(), "gateway.00000002.lock", lock(gw.pid(), gw.starttime(), state.resolve("openclaw.json")));
            Path stateLock = write(stateLockDir(), "gateway.state.lock", lock(gw.pid(), gw.starttime(), state.resolve("openclaw.json")));
            write(stateLockDir(), "unrelated.lock", "{}");
            List<GatewayInfo> found = find();
            assertThat(found).extracting(GatewayInfo::lockPath).containsExactlyInAnyOrder(old, hashed, stateLock);
            assertThat(found).allMatch(GatewayInfo::verified);
            assertThat(found.get(0).restartEnabled()).as("config missing: unknown").isNull();
            assertThat(GatewayDiscovery.searchDirs(Optional.of(state), Optional.empty(), env))
                    .containsExactly(tmpdir.resolve(perUser), state.toRealPath().resolve("tmp").resolve(perUser));
        }
    }

    @Test
    void lockDirOverridesTheSearch() throws Exception {
        Path entry = install("opt", "2026.7.35");
        try (ChildProcess gw = gatewayLike(entry)) {
            write(tmpLockDir(), "gateway.1a2b3c4d.lock", lock(gw.pid(), gw.starttime(), state.resolve("openclaw.json")));
            Path other = Files.createDirectories(tmp.resolve("other-user-locks"));
            Path a = write(other, "gateway.9f9f9f9f.lock", lock(gw.pid(), gw.starttime(), state.resolve("openclaw.json")));
            Path b = write(other, "gateway.lock", lock(gw.pid(), null, state.resolve("openclaw.json")));
            write(other, "session.jsonl.lock", "{}");
            List<GatewayInfo> found = GatewayDiscovery.find(Optional.of(state), Optional.of(other), PROBE, env);
            assertThat(found).extracting(GatewayInfo::lockPath).containsExactly(a, b);
            assertThat(found.get(1).verified()).isTrue();
            assertThat(found.get(1).why()).contains("command line is a gateway's").contains("no startTime");
        }
    }

    @Test
    void aPlainProcessWithoutStartTimeIsNotAGateway() throws Exception {
        try (ChildProcess plain = ChildProcess.bash("echo ready; read -r _")) {
            write(tmpLockDir(), "gateway.1a2b3c4d.lock", lock(plain.pid(), null, state.resolve("openclaw.json")));
            GatewayInfo g = only();
            assertThat(g.verified()).isFalse();
            assertThat(g.why()).isEqualTo("pid " + plain.pid() + " is alive but its command line is not a gateway's, and the lock records no startTime");
            assertThat(g.command()).startsWith("bash -c");
            assertThat(g.version()).isNull();
            assertThat(g.restartSignal()).isNull();
        }
    }

    @Test
    void aStarttimeMismatchIsAnotherProcess() throws Exception {
        Path entry = install("opt", "2026.7.35");
        try (ChildProcess gw = gatewayLike(entry)) {
            long wrong = gw.starttime() - 1;
            write(tmpLockDir(), "gateway.1a2b3c4d.lock", lock(gw.pid(), wrong, state.resolve("openclaw.json")));
            GatewayInfo g = only();
            assertThat(g.verified()).as("even though its command line is a gateway's").isFalse();
            assertThat(g.why()).isEqualTo("pid " + gw.pid() + " is alive but its starttime " + gw.starttime() + " differs from the lock's "
                    + wrong + ": the pid now belongs to another process");
            assertThat(g.restartSignal()).isNull();
        }
    }

    @Test
    void aDeadPidIsNotVerified() throws Exception {
        long dead = ChildProcess.reapedPid();
        write(tmpLockDir(), "gateway.1a2b3c4d.lock", lock(dead, 12345L, state.resolve("openclaw.json")));
        GatewayInfo g = only();
        assertThat(g.verified()).isFalse();
        assertThat(g.why()).isEqualTo("pid " + dead + " is not alive");
        assertThat(g.hostPid()).isNull();
        assertThat(g.command()).isNull();
    }

    @Test
    void pidsThatAreNeverAGatewayAreExplained() throws Exception {
        long own = ProcessHandle.current().pid();
        long initStart = ChildProcess.starttimeOf(1);
        Path dir = stateLockDir();
        write(dir, "gateway.00000000.lock", lock(0, null, state.resolve("openclaw.json")));
        write(dir, "gateway.11111111.lock", lock(-1, null, state.resolve("openclaw.json")));
        write(dir, "gateway.22222222.lock", lock(1, initStart, state.resolve("openclaw.json")));
        write(dir, "gateway.33333333.lock", lock(own, ChildProcess.starttimeOf(own), state.resolve("openclaw.json")));
        write(dir, "gateway.44444444.lock", lock(PROBE.maxPid() + 1, null, state.resolve("openclaw.json")));
        write(dir, "gateway.55555555.lock", lock("99999999999999999999999", null, state.resolve("openclaw.json")));
        write(dir, "gateway.66666666.lock", "not json at all");
        write(dir, "gateway.77777777.lock", lock("\"4242\"", null, state.resolve("openclaw.json")));
        List<GatewayInfo> found = find();
        assertThat(found).hasSize(8).noneMatch(GatewayInfo::verified);
        assertThat(found.get(0).why()).isEqualTo("pid 0 is never a gateway: kill(0) would signal every process in Lockwatch's own process group");
        assertThat(found.get(0).pid()).isZero();
        assertThat(found.get(1).why()).isEqualTo("pid -1 is never a gateway: kill(-1) would signal every process Lockwatch may signal");
        assertThat(found.get(1).pid()).isEqualTo(-1L);
        assertThat(found.get(2).why()).startsWith("pid 1 is this host's init process, never the gateway");
        assertThat(found.get(2).hostPid()).isEqualTo(1L);
        assertThat(found.get(3).why()).isEqualTo("pid " + own + " is Lockwatch itself, not a gateway");
        assertThat(found.get(4).why()).isEqualTo("pid " + (PROBE.maxPid() + 1) + " is beyond this host's pid range (largest pid " + PROBE.maxPid() + ")");
        assertThat(found.get(5).why()).startsWith("pid 99999999999999999999999 is beyond this host's pid range");
        assertThat(found.get(5).pid()).isNull();
        assertThat(found.get(6).why()).isEqualTo("the lock is not a gateway lock's JSON: there is no pid to check");
        assertThat(found.get(7).why()).isEqualTo("the lock records no pid (or not an integer)");
        assertThat(found).allSatisfy(g -> assertThat(g.why()).doesNotContain("\n"));
    }

    @Test
    void commandsRestartFalseIsReported() throws Exception {
        Path entry = install("opt", "2026.7.35");
        Path config = config("{\n  // restarts are for maintenance windows only\n  \"commands\": { \"restart\": false, },\n}\n");
        try (ChildProcess gw = gatewayLike(entry)) {
            write(tmpLockDir(), "gateway.1a2b3c4d.lock", lock(gw.pid(), gw.starttime(), config));
            GatewayInfo g = only();
            assertThat(g.verified()).isTrue();
            assertThat(g.restartEnabled()).isFalse();
            assertThat(g.restartSignal()).isEqualTo(RestartSignal.SIGUSR1);
        }
    }

    @Test
    void versionIsFoundFromADistEntryPointPastANamelessPackageJson() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("srv/openclaw-git"));
        Files.writeString(root.resolve("package.json"), "{\"name\": \"openclaw\", \"version\": \"2026.9.6-beta.1\"}");
        Path dist = Files.createDirectories(root.resolve("dist"));
        Files.writeString(dist.resolve("package.json"), "{\"type\": \"module\"}");
        Path index = Files.writeString(dist.resolve("index.js"), "");
        try (ChildProcess gw = ChildProcess.bash("echo ready; read -r _", index.toString(), "gateway", "--port", "18789")) {
            write(tmpLockDir(), "gateway.1a2b3c4d.lock", lock(gw.pid(), gw.starttime(), state.resolve("openclaw.json")));
            GatewayInfo g = only();
            assertThat(g.version()).isEqualTo("2026.9.6-beta.1");
            assertThat(g.restartSignal()).isEqualTo(RestartSignal.SIGUSR2);
        }
    }

    @Test
    void anotherPackageAboveTheEntryPointMeansUnknownVersion() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("fork/app"));
        Files.writeString(root.resolve("package.json"), "{\"name\": \"not-openclaw\", \"version\": \"1.0.0\"}");
        Path entry = Files.writeString(root.resolve("openclaw.mjs"), "");
        try (ChildProcess gw = gatewayLike(entry)) {
            write(tmpLockDir(), "gateway.1a2b3c4d.lock", lock(gw.pid(), gw.starttime(), state.resolve("openclaw.json")));
            GatewayInfo g = only();
            assertThat(g.verified()).isTrue();
            assertThat(g.version()).isNull();
            assertThat(g.restartSignal()).as("unknown version: no signal is guessed").isNull();
        }
    }

    @Test
    void aSymlinkedLockIsNotFollowed() throws Exception {
        Path entry = install("opt", "2026.7.35");
        try (ChildProcess gw = gatewayLike(entry)) {
            Path real = write(tmp, "elsewhere.json", lock(gw.pid(), gw.starttime(), state.resolve("openclaw.json")));
            Path link = Files.createSymbolicLink(tmpLockDir().resolve("gateway.1a2b3c4d.lock"), real);
            GatewayInfo g = only();
            assertThat(g.lockPath()).isEqualTo(link);
            assertThat(g.verified()).isFalse();
            assertThat(g.why()).startsWith("the lock is not read: not a regular file");
            assertThat(g.pid()).isNull();
        }
    }

    @Test
    void aContainerGatewayIsFoundThroughNspidAndStarttime() throws Exception {
        Process check = new ProcessBuilder("unshare", "--pid", "--fork", "--mount-proc", "true").start();
        assumeTrue(check.waitFor(10, TimeUnit.SECONDS) && check.exitValue() == 0, "needs unshare --pid (root)");
        try (ChildProcess box = ChildProcess.start(List.of("unshare", "--pid", "--fork", "--mount-proc",
                "bash", "-c", "echo ready; read -r _", "/app/openclaw.mjs", "gateway"))) {
            long inner = box.process().toHandle().children().findFirst().orElseThrow().pid();
            long startTime = ChildProcess.starttimeOf(inner);
            write(tmpLockDir(), "gateway.1a2b3c4d.lock", lock(1, startTime, Path.of("/home/node/.openclaw/openclaw.json")));
            GatewayInfo g = only();
            assertThat(g.verified()).as(g.why()).isTrue();
            assertThat(g.pid()).isEqualTo(1L);
            assertThat(g.hostPid()).isEqualTo(inner);
            assertThat(g.nested()).isTrue();
            assertThat(g.why()).isEqualTo("pid 1 (host pid " + inner + ") is alive and its starttime " + startTime + " matches the lock");
        }
    }

    @Test
    void restartSignalByVersion() {
        assertThat(GatewayVersions.restartSignalFor("2026.2.12")).isEqualTo(RestartSignal.SIGUSR1);
        assertThat(GatewayVersions.restartSignalFor("2026.7.35")).isEqualTo(RestartSignal.SIGUSR1);
        assertThat(GatewayVersions.restartSignalFor("2026.9.5")).isEqualTo(RestartSignal.SIGUSR1);
        assertThat(GatewayVersions.restartSignalFor("2026.9.5-beta.3")).isEqualTo(RestartSignal.SIGUSR1);
        assertThat(GatewayVersions.restartSignalFor("2026.9.6")).isEqualTo(RestartSignal.SIGUSR2);
        assertThat(GatewayVersions.restartSignalFor("2026.9.6-beta.1")).isEqualTo(RestartSignal.SIGUSR2);
        assertThat(GatewayVersions.restartSignalFor("2026.9.10")).isEqualTo(RestartSignal.SIGUSR2);
        assertThat(GatewayVersions.restartSignalFor("2026.10.1")).isEqualTo(RestartSignal.SIGUSR2);
        assertThat(GatewayVersions.restartSignalFor("2027.1.0")).isEqualTo(RestartSignal.SIGUSR2);
        assertThat(GatewayVersions.restartSignalFor("v2026.9.6")).isEqualTo(RestartSignal.SIGUSR2);
        assertThat(GatewayVersions.restartSignalFor("1.4.2")).isEqualTo(RestartSignal.SIGUSR1);
        assertThat(GatewayVersions.restartSignalFor("demo")).isEqualTo(RestartSignal.SIGUSR1);
        assertThat(GatewayVersions.restartSignalFor(null)).isNull();
        assertThat(GatewayVersions.restartSignalFor("latest")).isNull();
        assertThat(GatewayVersions.restartSignalFor("")).isNull();
    }

    @Test
    void theDemoGatewaysCommandLineIsAGatewayOfVersionDemo() {
        List<String> demo = List.of("/usr/lib/jvm/bin/java", "-jar", "/work/target/lockwatch.jar", "demo-gateway", "--state-dir", "/tmp/s");
        assertThat(GatewayVersions.versionOf(demo, null, false)).isEqualTo("demo");
        assertThat(dev.lockwatch.process.OpenClawCommand.isGateway(demo)).isTrue();
        assertThat(dev.lockwatch.process.OpenClawCommand.isOpenClaw(demo)).isTrue();
        assertThat(dev.lockwatch.process.OpenClawCommand.isGateway(List.of("/opt/lockwatch/bin/Lockwatch", "demo-gateway"))).isTrue();
        assertThat(dev.lockwatch.process.OpenClawCommand.isGateway(List.of("java", "-jar", "lockwatch-0.1.0.jar", "scan"))).isFalse();
        assertThat(dev.lockwatch.process.OpenClawCommand.isGateway(List.of("java", "-jar", "other.jar", "demo-gateway"))).isFalse();
        assertThat(dev.lockwatch.process.OpenClawCommand.isGateway(List.of("demo-gateway", "lockwatch.jar"))).isFalse();
    }

    @Test
    void configReadingIsLenientAndDefaultsToEnabled() throws Exception {
        assertThat(GatewayConfig.restartEnabled(config("{}"))).isTrue();
        assertThat(GatewayConfig.restartEnabled(config("{commands: {restart: 'no'}}"))).isTrue();
        assertThat(GatewayConfig.restartEnabled(config("/* c */ {commands: {restart: false,},}"))).isFalse();
        assertThat(GatewayConfig.restartEnabled(config("{ broken"))).isNull();
        assertThat(GatewayConfig.restartEnabled(tmp.resolve("missing.json"))).isNull();
    }
}
