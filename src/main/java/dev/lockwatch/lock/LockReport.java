package dev.lockwatch.lock;

import dev.lockwatch.process.FileIdentity;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Objects;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Everything Lockwatch knows about one lock file at the moment it was judged. Immutable.
 *
 * @param path      absolute path of the lock file
 * @param root      the root it was found under
 * @param payload   the payload as OpenClaw reads it ({@link LockPayload#EMPTY} when unreadable)
 * @param raw       the bytes that were judged (empty when unreadable); removal compares against them
 * @param modified  the file's mtime, null when unreadable
 * @param identity  the file's device and inode, null when unreadable or unknown
 * @param judgedAt  when the verdict was reached
 * @param holder    the process behind the lock
 * @param verdict   the verdict
 * @param reasons   why, in OpenClaw's order, then Lockwatch's own
 * @param removable whether a cleanup may remove it
 * @param note      a sentence for the operator, null when none
 * @param error     the read error for unreadable files, null otherwise
 */
public record LockReport(Path path, Path root, LockPayload payload, byte[] raw, Instant modified, FileIdentity identity,
                         Instant judgedAt,
                         Holder holder, Verdict verdict, List<Reason> reasons, boolean removable, String note,
                         String error) {

    public static final String SUFFIX = ".jsonl.lock";

    public LockReport {
        reasons = List.copyOf(reasons);
    }

    /** The file as it was read, for re-judging without touching the disk. */
    public LockRead.Content content() {
        return new LockRead.Content(raw, modified, identity);
    }

    /**
     * True when {@code other} says the same about the same file: everything but the moment of judging.
     * Ages are derived from createdAt, so a re-judge that only moves time forward is no change.
     */
    public boolean sameAs(LockReport other) {
        return other == this || other != null && path.equals(other.path) && Objects.equals(root, other.root) && payload.equals(other.payload)
                && Arrays.equals(raw, other.raw) && Objects.equals(modified, other.modified)
                && Objects.equals(identity, other.identity) && holder.equals(other.holder) && verdict == other.verdict
                && reasons.equals(other.reasons) && removable == other.removable && Objects.equals(note, other.note)
                && Objects.equals(error, other.error);
    }

    /** The session id: the file name without {@code .jsonl.lock}. */
    public String session() {
        return sessionOf(path);
    }

    public static String sessionOf(Path path) {
        String name = path.getFileName().toString();
        return name.endsWith(SUFFIX) ? name.substring(0, name.length() - SUFFIX.length()) : name;
    }

    /** The agent id from an {@code agents/<id>/sessions/} path, null when the path has no such segment. */
    public String agent() {
        Path parent = path.getParent();
        if (parent == null || parent.getFileName() == null || !parent.getFileName().toString().equals("sessions")) {
            return null;
        }
        Path agentDir = parent.getParent();
        Path agents = agentDir == null ? null : agentDir.getParent();
        if (agents == null || agents.getFileName() == null || !agents.getFileName().toString().equals("agents")) {
            return null;
        }
        return agentDir.getFileName().toString();
    }

    public BigInteger pid() {
        return payload.pid();
    }

    /** Age at {@code now}: now - createdAt floored at zero, null when createdAt is invalid. */
    public Long ageMs(Instant now) {
        Instant created = payload.createdAt();
        if (created == null) {
            return null;
        }
        return Math.max(0L, Duration.between(created, now).toMillis());
    }

    public Long ageMs() {
        return ageMs(judgedAt);
    }

    /** The path relative to its root, for display. */
    public Path relativePath() {
        return root != null && path.startsWith(root) && !path.equals(root) ? root.relativize(path) : path;
    }
}
