package dev.lockwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lockwatch.testing.ChildProcess;
import dev.lockwatch.testing.LockFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Permissions as an operator who is not root meets them: root ignores them, so the jar runs as {@code nobody} through
 * {@code setpriv}. A sessions dir that lost its read permission is one error line (and a JSON error entry) while the
 * rest is scanned; a root that cannot be read at all is exit 2. Skipped unless this runs as root with setpriv.
 */
class PermissionLossIT {
    private Path base;
    private Path jar;

    @BeforeEach
    void setUp() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root, to become nobody through setpriv");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")) || Files.isExecutable(Path.of("/bin/setpriv")), "needs setpriv");
        base = Files.createTempDirectory(Path.of("/tmp"), "lockwatch-perm-");
        Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
        jar = Files.copy(JarRunner.jar(), base.resolve("lockwatch.jar"), StandardCopyOption.REPLACE_EXISTING); // readable by nobody
        Files.setPosixFilePermissions(jar, PosixFilePermissions.fromString("rw-r--r--"));
    }

    @AfterEach
    void tearDown() throws IOException {
        if (base != null) {
            try (Stream<Path> walk = Files.walk(base)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwx------" : "rw-------"));
                    Files.delete(p);
                }
            }
        }
    }

    @Test
    void aSessionsDirWithoutReadPermissionIsReportedAndTheRestIsScanned() throws Exception {
        Path state = base.resolve("state");
        Path open = LockFiles.write(LockFiles.sessionsDir(state, "main").resolve("a.jsonl.lock"), ChildProcess.reapedPid(), Instant.now(), null);
        Path closedDir = LockFiles.sessionsDir(state, "locked");
        LockFiles.write(closedDir.resolve("b.jsonl.lock"), ChildProcess.reapedPid(), Instant.now(), null);
        try (Stream<Path> walk = Files.walk(state)) {
            for (Path p : walk.toList()) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
        Files.setPosixFilePermissions(closedDir, PosixFilePermissions.fromString("rwx------")); // lost its read permission

        Result human = asNobody("scan", state.toString());
        assertThat(human.exit()).as(human.err()).isEqualTo(1); // a stale lock; the root itself was readable
        assertThat(human.out()).contains("agents/main/sessions/a.jsonl.lock").doesNotContain("b.jsonl.lock");
        assertThat(human.err().lines().toList()).containsExactly("lockwatch: " + closedDir + ": permission denied");

        Result json = asNobody("scan", "--json", state.toString());
        JsonNode doc = new ObjectMapper().readTree(json.out());
        assertThat(doc.get("locks")).hasSize(1);
        assertThat(doc.get("locks").get(0).get("path").asText()).isEqualTo(open.toString());
        assertThat(doc.get("errors")).hasSize(1);
        assertThat(doc.get("errors").get(0).get("path").asText()).isEqualTo(closedDir.toString());
        assertThat(doc.get("errors").get(0).get("error").asText()).isEqualTo("permission denied");

        // a root that cannot be read at all: exit 2, one error line
        Files.setPosixFilePermissions(state, PosixFilePermissions.fromString("rwx------"));
        Result none = asNobody("scan", state.toString());
        assertThat(none.exit()).isEqualTo(2);
        assertThat(none.err()).contains(state + ": permission denied");
    }

    private record Result(int exit, String out, String err) {
    }

    private Result asNobody(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(base.toFile()).start();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }
}
