package dev.lockwatch.lock;

import dev.lockwatch.process.FileIdentity;
import java.time.Instant;

/**
 * The outcome of reading one lock file from disk: its bytes, or why they could not be read, or that the
 * file is gone.
 */
public sealed interface LockRead {

    /** The file's content (at most {@link LockFileReader#MAX_BYTES}) and the metadata the judge needs. */
    record Content(byte[] bytes, Instant modified, FileIdentity identity) implements LockRead {
    }

    /** A file that exists but is not judged: its reason is one of the {@code unreadable} reasons. */
    record Unreadable(Reason reason, String message) implements LockRead {
    }

    /** The file vanished between listing and reading: simply gone, not an error. */
    record Gone() implements LockRead {
    }
}
