package dev.lockwatch.clean;

import dev.lockwatch.lock.Printable;
import dev.lockwatch.audit.AuditLog;
import dev.lockwatch.lock.LockReport;
import dev.lockwatch.lock.LockScanner;
import dev.lockwatch.lock.Reason;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes a lock only if it is still exactly what was judged. Right before removal the file is re-read and
 * re-judged; then it is renamed to a private name in the same directory (atomic), where no writer can open it any
 * more; if another process still holds it open (and so could still write it) it is put back, else it is read and
 * judged again there, and only then deleted. If anything changed, it is put back (never over a new lock that took
 * its name meanwhile). Every attempt that moved anything is audited.
 */
public final class SafeRemover {
    private static final Logger LOG = LoggerFactory.getLogger(SafeRemover.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final LockScanner scanner;
    private final CleanPolicy policy;
    private final AuditLog audit;
    private final Consumer<Path> afterMoveAside;

    public SafeRemover(LockScanner scanner, CleanPolicy policy, AuditLog audit) {
        this(scanner, policy, audit, aside -> { });
    }

    /** For tests: {@code afterMoveAside} runs right after the lock was renamed aside, to stage races there. */
    SafeRemover(LockScanner scanner, CleanPolicy policy, AuditLog audit, Consumer<Path> afterMoveAside) {
        this.scanner = scanner;
        this.policy = policy;
        this.audit = audit;
        this.afterMoveAside = afterMoveAside;
    }

    public Removal remove(LockReport judged, boolean dryRun) {
        String kept = policy.whyKept(judged);
        if (kept != null) {
            return new Removal(judged, Removal.Outcome.KEPT, kept);
        }
        LockReport now = scanner.rejudge(judged.path(), judged.root());
        String changed = differs(judged, now);
        if (changed != null) {
            return record(judged, Removal.Outcome.CHANGED, changed);
        }
        if (dryRun) {
            return new Removal(judged, Removal.Outcome.WOULD_REMOVE, "would remove");
        }
        Path aside = judged.path().resolveSibling("." + judged.path().getFileName() + ".lockwatch-" + HexFormat.of().formatHex(nonce()));
        try {
            Files.move(judged.path(), aside, StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException e) {
            return record(judged, Removal.Outcome.CHANGED, "vanished before removal");
        } catch (IOException e) {
            return record(judged, Removal.Outcome.FAILED, "cannot move it aside: " + e.getMessage());
        }
        afterMoveAside.accept(aside);
        // Under its private name nobody can open it any more; whoever holds it open now could still write it between
        // the check below and the unlink. So: no other holder first, then the bytes, then delete.
        Set<Long> holders = judged.identity() == null ? null : scanner.probe().holdersOf(judged.identity());
        if (holders != null && !holders.isEmpty()) {
            return record(judged, Removal.Outcome.CHANGED, "held open by pid " + String.join(", ", holders.stream().sorted()
                    .map(String::valueOf).toList()) + ", which may still write it; " + putBack(aside, judged.path()));
        }
        LockReport moved = scanner.rejudge(aside, judged.root());
        String movedChange = differs(judged, moved);
        if (movedChange != null) {
            return record(judged, Removal.Outcome.CHANGED, movedChange + "; " + putBack(aside, judged.path()));
        }
        try {
            Files.delete(aside);
        } catch (IOException e) {
            return record(judged, Removal.Outcome.FAILED, "cannot delete it: " + e.getMessage() + "; " + putBack(aside, judged.path()));
        }
        return record(judged, Removal.Outcome.REMOVED, "removed");
    }

    /** Null when {@code now} is the same file with the same bytes and still removable, else what changed. */
    private String differs(LockReport judged, LockReport now) {
        if (now == null) {
            return "vanished before removal";
        }
        if (!Arrays.equals(judged.raw(), now.raw()) || !Objects.equals(judged.identity(), now.identity())) {
            return "its content changed after it was judged";
        }
        String kept = policy.whyKept(now);
        return kept == null ? null : "re-judged just before removal: " + now.verdict().word() + " (" + kept + ")";
    }

    /**
     * Moves the changed file back under its name, unless a new lock took the name meanwhile: the gateway may have taken
     * the session again (O_EXCL create) the moment the name was free, and that lock must win. rename(2) would silently
     * replace it, so the file is hard-linked back (link(2) fails when the name exists) and then its private name removed.
     */
    private static String putBack(Path aside, Path original) {
        try {
            Files.createLink(original, aside);
        } catch (FileAlreadyExistsException e) {
            return "a new lock took its name meanwhile; the changed file was kept at " + aside;
        } catch (IOException | UnsupportedOperationException e) {
            return putBackByRename(aside, original); // no hard links on this file system
        }
        try {
            Files.delete(aside);
        } catch (IOException e) {
            LOG.warn("put {} back, but its private name {} stays: {}", Printable.terminal(original), Printable.terminal(aside),
                    Printable.terminal(e));
        }
        return "left in place";
    }

    private static String putBackByRename(Path aside, Path original) {
        if (Files.exists(original, LinkOption.NOFOLLOW_LINKS)) {
            return "a new lock took its name meanwhile; the changed file was kept at " + aside;
        }
        try {
            Files.move(aside, original, StandardCopyOption.ATOMIC_MOVE);
            return "left in place";
        } catch (IOException e) {
            LOG.error("could not move {} back to {}: {}", Printable.terminal(aside), Printable.terminal(original), Printable.terminal(e));
            return "COULD NOT MOVE IT BACK from " + aside + ": " + e.getMessage();
        }
    }

    private Removal record(LockReport lock, Removal.Outcome outcome, String detail) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("path", lock.path().toString());
        fields.put("result", outcome.name().toLowerCase());
        fields.put("detail", detail);
        fields.put("verdict", lock.verdict().word());
        fields.put("reasons", lock.reasons().stream().map(Reason::word).toList());
        fields.put("pid", lock.pid());
        fields.put("holderHostPid", lock.holder().hostPid());
        fields.put("holderCommand", lock.holder().command());
        fields.put("createdAt", lock.payload().createdAtRaw());
        try {
            audit.append("remove-lock", fields);
        } catch (IOException e) {
            LOG.error("audit log {} not written: {}", Printable.terminal(audit.file()), Printable.terminal(e));
            detail = detail + " (audit log not written: " + e.getMessage() + ")";
        }
        return new Removal(lock, outcome, detail);
    }

    private static byte[] nonce() {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
