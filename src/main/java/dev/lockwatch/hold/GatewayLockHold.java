package dev.lockwatch.hold;

import dev.lockwatch.gateway.GatewayInfo;
import dev.lockwatch.lock.Holder;
import dev.lockwatch.lock.Verdict;
import java.nio.file.Path;
import java.util.List;

/**
 * A gateway lock file (2026.8 layout, also {@code role} locks of doctor and embedded writers), judged by
 * OpenClaw's liveness rule.
 *
 * @param info            what gateway discovery found (pid, ownerId, role, verified, version, ...)
 * @param coordinatorHeld whether {@code <lock>.sqlite} carries a lock of that pid in {@code /proc/locks};
 *                        null when unknown (no such file, or /proc/locks unreadable)
 */
public record GatewayLockHold(GatewayInfo info, Boolean coordinatorHeld, Holder holder, Verdict verdict, List<HoldReason> why,
                              String note) implements Hold {
    public GatewayLockHold {
        why = List.copyOf(why);
    }

    public static String idOf(Path lockFile) {
        return HoldKind.GATEWAY_LOCK.word() + ":" + lockFile;
    }

    @Override
    public HoldKind kind() {
        return HoldKind.GATEWAY_LOCK;
    }

    @Override
    public String id() {
        return idOf(info.lockPath());
    }

    @Override
    public Path location() {
        return info.lockPath();
    }

    @Override
    public List<String> reasons() {
        return HoldReason.words(why);
    }

    /** Never removed by Lockwatch: OpenClaw reclaims a dead gateway's lock itself at the next start. */
    @Override
    public boolean removable() {
        return false;
    }
}
