package dev.lockwatch.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lockwatch.process.OpenClawCommand;
import dev.lockwatch.process.RestartSignal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The OpenClaw version a gateway runs and the signal that restarts it. The version comes from the {@code package.json}
 * ({@code "name": "openclaw"}) of the install its entry point lives in: the nearest one walking up from the entry-point
 * argument ({@code .../openclaw.mjs}, {@code .../dist/index.js}, {@code .../dist/entry.js}, or the {@code openclaw} bin
 * link). When the command line holds no path (the process title {@code openclaw-gateway} replaced it) the version is
 * unknown. Lockwatch's own demo gateway is version {@value #DEMO}.
 */
public final class GatewayVersions {
    /** The version of Lockwatch's demo gateway; it restarts on SIGUSR1, like OpenClaw up to 2026.9.5. */
    public static final String DEMO = "demo";

    /** The first version that restarts on SIGUSR2 (OpenClaw PR 153462); before it, SIGUSR1. */
    static final int[] FIRST_SIGUSR2 = {2026, 9, 6};

    /** OpenClaw's entry points (as {@code OpenClawCommand} knows them). */
    private static final List<String> ENTRY_POINTS = List.of("dist/index.js", "dist/entry.js", "dist/index.mjs", "dist/entry.mjs");
    private static final int PACKAGE_JSON_LIMIT = 1 << 20;
    private static final int MAX_LEVELS = 32;
    private static final ObjectMapper JSON = new ObjectMapper();

    private GatewayVersions() {
    }

    /**
     * The version of the gateway running {@code argv}, or null when unknown.
     *
     * @param hostPid its pid on this host (for relative paths and containers), null when unknown
     * @param nested  it runs in a container: its paths are looked up under {@code /proc/<hostPid>/root}
     */
    public static String versionOf(List<String> argv, Long hostPid, boolean nested) {
        return versionOf(argv, hostPid, nested, null);
    }

    /**
     * As {@link #versionOf(List, Long, boolean)}, and when the command line holds no path (a real gateway's process
     * title replaces it), from its child processes' command lines and from the source files its log names
     * ({@link InstallHints}), read with the config at {@code configPath}.
     */
    public static String versionOf(List<String> argv, Long hostPid, boolean nested, String configPath) {
        if (argv != null && OpenClawCommand.isLockwatchDemoGateway(argv)) {
            return DEMO;
        }
        String version = argv == null ? null : fromArguments(argv, hostPid, nested);
        if (version == null && !nested) {
            version = fromArguments(InstallHints.childArguments(hostPid), hostPid, false);
        }
        if (version == null) {
            for (Path source : InstallHints.loggedSources(configPath, hostPid, nested)) {
                version = fromInstall(source);
                if (version != null) {
                    break;
                }
            }
        }
        return version;
    }

    private static String fromArguments(List<String> argv, Long hostPid, boolean nested) {
        for (String arg : argv) {
            if (!isEntryPoint(arg)) {
                continue;
            }
            Path entry = ProcessPaths.resolve(arg, hostPid, nested);
            if (entry == null) {
                continue;
            }
            if (!nested) {
                try {
                    entry = entry.toRealPath(); // the `openclaw` bin is a link into the install
                } catch (IOException e) {
                    // keep it as given
                }
            }
            String version = fromInstall(entry);
            if (version != null) {
                return version;
            }
        }
        return null;
    }

    /**
     * The signal that restarts {@code version}: SIGUSR1 up to 2026.9.5, SIGUSR2 from 2026.9.6, compared numerically by
     * the first three parts ({@code 2026.9.6-beta.1} counts as 2026.9.6); SIGUSR1 for the demo; null when unknown.
     */
    public static RestartSignal restartSignalFor(String version) {
        if (version == null) {
            return null;
        }
        if (version.equals(DEMO)) {
            return RestartSignal.SIGUSR1;
        }
        int[] parts = parse(version);
        if (parts == null) {
            return null;
        }
        for (int i = 0; i < 3; i++) {
            if (parts[i] != FIRST_SIGUSR2[i]) {
                return parts[i] > FIRST_SIGUSR2[i] ? RestartSignal.SIGUSR2 : RestartSignal.SIGUSR1;
            }
        }
        return RestartSignal.SIGUSR2;
    }

    /** The first three numeric parts of {@code 2026.9.6}, {@code v2026.9.6-beta.1}, {@code 2026.10} (missing parts 0); null when none. */
    static int[] parse(String version) {
        String s = version.strip();
        if (s.startsWith("v") || s.startsWith("V")) {
            s = s.substring(1);
        }
        int end = 0;
        while (end < s.length() && (Character.isDigit(s.charAt(end)) || s.charAt(end) == '.')) {
            end++;
        }
        String[] numbers = s.substring(0, end).split("\\.");
        if (numbers.length == 0 || numbers[0].isEmpty()) {
            return null;
        }
        int[] parts = new int[3];
        for (int i = 0; i < Math.min(3, numbers.length); i++) {
            if (numbers[i].isEmpty() || numbers[i].length() > 9) {
                return null;
            }
            parts[i] = Integer.parseInt(numbers[i]);
        }
        return parts;
    }

    private static boolean isEntryPoint(String arg) {
        String normalized = arg.replace('\\', '/');
        String name = normalized.substring(normalized.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        if (name.equals("openclaw.mjs") || (name.equals("openclaw") && normalized.contains("/"))) {
            return true;
        }
        return ENTRY_POINTS.stream().anyMatch(e -> normalized.equals(e) || normalized.endsWith("/" + e));
    }

    /** The version in the nearest {@code package.json} named {@code openclaw} above {@code entry}; null at another package. */
    private static String fromInstall(Path entry) {
        Path dir = entry.getParent();
        for (int level = 0; dir != null && level < MAX_LEVELS; level++, dir = dir.getParent()) {
            Path manifest = dir.resolve("package.json");
            if (!Files.exists(manifest, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            JsonNode json;
            try {
                json = JSON.readTree(ProcessPaths.readSmall(manifest, PACKAGE_JSON_LIMIT));
            } catch (IOException | RuntimeException e) {
                continue;
            }
            if (json == null || !json.isObject()) {
                continue;
            }
            JsonNode name = json.get("name");
            if (name == null || !name.isTextual()) {
                continue; // e.g. dist/package.json with only {"type": "module"}
            }
            if (!name.textValue().equals("openclaw")) {
                return null; // we walked out of OpenClaw into another package
            }
            JsonNode version = json.get("version");
            return version != null && version.isTextual() && !version.textValue().isBlank() && version.textValue().length() <= 64
                    ? version.textValue().strip() : null;
        }
        return null;
    }
}
