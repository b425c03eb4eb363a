package dev.lockwatch.lock;

import java.math.BigInteger;
import java.time.Instant;

/**
 * A session lock's payload read with OpenClaw's rules: a field that is not a valid number (a non-negative
 * integer; pid also > 0) or date is null here, as if it were missing.
 *
 * @param pid          a valid pid, possibly beyond any platform's range
 * @param createdAtRaw the {@code createdAt} string as written, null when absent or not a string
 * @param createdAt    the parsed instant, null when missing or unparseable
 * @param starttime    a valid {@code starttime}, null otherwise
 * @param maxHoldMs    a valid {@code maxHoldMs}, null otherwise
 */
public record LockPayload(BigInteger pid, String createdAtRaw, Instant createdAt, Long starttime, Long maxHoldMs) {
    public static final LockPayload EMPTY = new LockPayload(null, null, null, null, null);
}
