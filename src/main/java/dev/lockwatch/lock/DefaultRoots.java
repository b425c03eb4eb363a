package dev.lockwatch.lock;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The state dirs OpenClaw itself would use: {@code $OPENCLAW_STATE_DIR}, {@code ~/.openclaw},
 * {@code ~/.openclaw-<profile>}, and the legacy {@code ~/.clawdbot} and {@code ~/.moltbot} (with their
 * {@code CLAWDBOT_STATE_DIR} / {@code MOLTBOT_STATE_DIR} variables).
 */
public final class DefaultRoots {
    private static final List<String> STATE_DIR_VARIABLES = List.of("OPENCLAW_STATE_DIR", "CLAWDBOT_STATE_DIR", "MOLTBOT_STATE_DIR");

    private DefaultRoots() {
    }

    /** The candidate dirs that exist, in OpenClaw's order of preference. */
    public static List<Path> existing(Map<String, String> env, Path home) {
        List<Path> found = new ArrayList<>();
        for (Path candidate : candidates(env, home)) {
            if (Files.isDirectory(candidate)) {
                found.add(candidate);
            }
        }
        return found;
    }

    /** Every place looked at, existing or not: for telling the operator where we looked. */
    public static List<Path> candidates(Map<String, String> env, Path home) {
        Set<Path> candidates = new LinkedHashSet<>();
        for (String variable : STATE_DIR_VARIABLES) {
            String value = env.get(variable);
            if (value != null && !value.isBlank()) {
                candidates.add(expandHome(value.strip(), home));
            }
        }
        candidates.add(home.resolve(".openclaw"));
        try (DirectoryStream<Path> profiles = Files.newDirectoryStream(home, ".openclaw-*")) {
            List<Path> sorted = new ArrayList<>();
            profiles.forEach(sorted::add);
            sorted.sort(null);
            candidates.addAll(sorted);
        } catch (IOException e) {
            // no readable home: only the fixed names
        }
        candidates.add(home.resolve(".clawdbot"));
        candidates.add(home.resolve(".moltbot"));
        return List.copyOf(candidates);
    }

    private static Path expandHome(String value, Path home) {
        if (value.equals("~")) {
            return home;
        }
        if (value.startsWith("~/")) {
            return home.resolve(value.substring(2));
        }
        return Path.of(value).toAbsolutePath().normalize();
    }

    public static List<Path> forThisUser() {
        return existing(System.getenv(), Path.of(System.getProperty("user.home")));
    }
}
