package dev.lockwatch.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jpackage app-image runs the CLI through its native launcher with its own trimmed runtime. Runs only with
 * {@code mvn -Ppackage verify}: that profile builds {@code target/dist/Lockwatch} and hands its path over as the
 * system property {@code lockwatch.appImage} (and the launcher's path inside it as {@code lockwatch.appLauncher}).
 */
class AppImageIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long TIMEOUT_SECONDS = 120;

    private static Path image;
    private static Path launcher;

    @TempDir
    Path state;

    @BeforeAll
    static void findImage() {
        String dir = System.getProperty("lockwatch.appImage");
        assumeTrue(dir != null && !dir.isBlank() && !dir.startsWith("${"),
                "lockwatch.appImage is not set: run with -Ppackage to build and test the app-image");
        image = Paths.get(dir);
        launcher = image.resolve(System.getProperty("lockwatch.appLauncher", "bin/Lockwatch"));
        assertThat(launcher).as("launcher of the app-image built by -Ppackage").isExecutable();
    }

    @Test
    void versionComesFromTheLauncher() throws Exception {
        Result r = run("--version");
        assertThat(r.exit).as(r.err).isZero();
        assertThat(r.out.strip()).startsWith("lockwatch ");
        String version = System.getProperty("lockwatch.version");
        if (version != null) {
            assertThat(r.out.strip()).isEqualTo("lockwatch " + version);
        }
    }

    @Test
    void scanJsonFindsTheStaleLockOfADeadPid() throws Exception {
        Path lock = state.resolve("agents/main/sessions/abc.jsonl.lock");
        Files.createDirectories(lock.getParent());
        Files.writeString(lock, "{\"pid\": 999999999, \"createdAt\": \"2026-01-01T00:00:00Z\"}");

        Result r = run("scan", "--json", state.toString());

        assertThat(r.exit).as("exit code; stderr: %s", r.err).isEqualTo(1);
        JsonNode locks = JSON.readTree(r.out).get("locks");
        assertThat(locks).as(r.out).hasSize(1);
        JsonNode found = locks.get(0);
        assertThat(Paths.get(found.get("path").asText())).isEqualTo(lock);
        assertThat(found.get("session").asText()).isEqualTo("abc");
        assertThat(found.get("pid").asLong()).isEqualTo(999_999_999L);
        assertThat(found.get("verdict").asText()).isEqualTo("stale");
        List<String> reasons = new ArrayList<>();
        found.get("reasons").forEach(reason -> reasons.add(reason.asText()));
        assertThat(reasons).contains("dead-pid");
    }

    @Test
    void imageHoldsTheShadedJarAloneAndATrimmedRuntime() throws Exception {
        Path app = appDir();
        try (Stream<Path> files = Files.list(app)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jar")))
                    .as("jars in %s", app).containsExactly("lockwatch.jar");
        }
        Path runtime = app.resolveSibling("runtime");
        Path home = Files.isDirectory(runtime.resolve("Contents/Home")) ? runtime.resolve("Contents/Home") : runtime;
        assertThat(home.resolve("include")).doesNotExist();
        assertThat(home.resolve("man")).doesNotExist();
        assertThat(home.resolve("jmods")).doesNotExist();
        Properties release = new Properties();
        try (InputStream in = Files.newInputStream(home.resolve("release"))) {
            release.load(in);
        }
        List<String> modules = List.of(release.getProperty("MODULES", "").replace("\"", "").split(" "));
        assertThat(modules).contains("java.base", "java.desktop", "jdk.unsupported")
                .doesNotContain("jdk.compiler", "jdk.jshell");
    }

    /** {@code lib/app} on Linux, {@code Contents/app} on macOS, {@code app} on Windows. */
    private static Path appDir() {
        for (String candidate : List.of("lib/app", "Contents/app", "app")) {
            if (Files.isDirectory(image.resolve(candidate))) {
                return image.resolve(candidate);
            }
        }
        throw new AssertionError("no app directory in " + image);
    }

    private record Result(int exit, String out, String err) {
    }

    private static Result run(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(launcher.toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.PIPE).start();
        process.getOutputStream().close();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not finish in " + TIMEOUT_SECONDS + " s");
        }
        return new Result(process.exitValue(), out.get(10, TimeUnit.SECONDS), err.get(10, TimeUnit.SECONDS));
    }

    private static String read(InputStream in) {
        try (in) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            in.transferTo(bytes);
            return bytes.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
