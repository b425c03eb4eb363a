package dev.lockwatch.gateway;

import dev.lockwatch.process.ProcessState;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers each gateway process's OpenClaw version (keyed by host pid, starttime and config), because
 * finding it may read its log and discovery runs every second. A known version is kept for the life of the
 * process; an unknown one is looked for again after {@link #RETRY_MS} (the log may not be written yet).
 * Thread-safe.
 */
final class VersionCache {
    static final long RETRY_MS = 10_000;
    private static final int LIMIT = 64;

    private record Entry(String version, long at) {
    }

    private final Map<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
            return size() > LIMIT;
        }
    };

    String versionOf(ProcessState state, Long hostPid, boolean nested, String configPath) {
        String key = hostPid + "@" + state.starttime() + "@" + configPath;
        long now = System.currentTimeMillis();
        synchronized (entries) {
            Entry cached = entries.get(key);
            if (cached != null && (cached.version() != null || now - cached.at() < RETRY_MS)) {
                return cached.version();
            }
        }
        String version = GatewayVersions.versionOf(state.argv(), hostPid, nested, configPath);
        synchronized (entries) {
            entries.put(key, new Entry(version, now));
        }
        return version;
    }
}
