package dev.lockwatch.hold;

import java.nio.file.Path;

/**
 * What one read of an OpenClaw database found out about the file itself (who holds SQLite locks on it is
 * added later from {@code /proc/locks}, never by opening anything).
 *
 * @param path          the database file as found (not resolved through symlinks: a symlink is an error entry)
 * @param kind          state or agent DB
 * @param schemaVersion {@code schema_meta.schema_version} of the {@code primary} row, null when unknown
 * @param appVersion    {@code schema_meta.app_version}, e.g. {@code 2026.9.6}, null when unknown
 * @param role          {@code schema_meta.role} ({@code global} or {@code agent}), null when unknown
 * @param journalMode   {@code PRAGMA journal_mode} as read ({@code wal}, {@code delete}, ...), null when unknown
 * @param walBytes      size of the {@code -wal} sidecar, null when there is none
 * @param readVia       how it was read: the live file or a private copy; null when it could not be read
 * @param unknownSchema true when the schema version is newer than any Lockwatch knows (read for known tables only)
 * @param error         one line saying why it could not be read (corrupt, locked, not a regular file, vanished, ...),
 *                      null when it was read
 */
public record DatabaseFacts(Path path, DbKind kind, Integer schemaVersion, String appVersion, String role,
                            String journalMode, Long walBytes, ReadVia readVia, boolean unknownSchema, String error) {

    public enum ReadVia {
        LIVE("live"), COPY("copy");

        private final String word;

        ReadVia(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }
    }

    public static DatabaseFacts failed(Path path, DbKind kind, String error) {
        return new DatabaseFacts(path, kind, null, null, null, null, null, null, false, error);
    }

    public boolean readable() {
        return error == null;
    }
}
