package dev.lockwatch.hold;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the run and recovery fields of a {@code session_nodes.entry_json} (openclaw-sqlite-era.md, "Sessions"):
 * {@code lifecycleRunId, activeWriterRunId, lastRunId, abortedLastRun, mainRestartRecovery, restartRecoveryRuns}.
 * Nothing else of the entry is kept.
 */
public final class SessionEntries {
    /** At most this many {@code restartRecoveryRuns} ids are kept. */
    static final int MAX_RUNS = 64;

    private SessionEntries() {
    }

    /** The entry's fields; {@link SessionEntry#EMPTY} for NULL, junk, over 64 KiB or too deep. Never throws. */
    public static SessionEntry parse(String entryJson) {
        JsonNode root = HoldJson.object(entryJson);
        if (root == null) {
            return SessionEntry.EMPTY;
        }
        Boolean aborted = HoldJson.bool(root.get("abortedLastRun"));
        if (aborted == null) {
            // the era page writes it as abortedLastRun=1: take 0/1 as well as a boolean
            Long flag = HoldJson.integer(root.get("abortedLastRun"));
            aborted = flag == null || (flag != 0 && flag != 1) ? null : flag == 1;
        }
        return new SessionEntry(HoldJson.text(root.get("lifecycleRunId")), HoldJson.text(root.get("activeWriterRunId")),
                HoldJson.text(root.get("lastRunId")), aborted, recovery(root.get("mainRestartRecovery")),
                runs(root.get("restartRecoveryRuns")));
    }

    private static SessionEntry.Recovery recovery(JsonNode node) {
        if (node == null || !node.isObject()) {
            return null;
        }
        return new SessionEntry.Recovery(HoldJson.text(node.get("cycleId")), HoldJson.integer(node.get("revision")),
                HoldJson.integer(node.get("chargedAttempts")));
    }

    /** Ids from an array of strings or of objects with a string {@code runId}, or the keys of an object. */
    private static List<String> runs(JsonNode node) {
        List<String> ids = new ArrayList<>();
        if (node == null) {
            return ids;
        }
        if (node.isArray()) {
            for (JsonNode item : node) {
                String id = item.isTextual() ? item.textValue() : HoldJson.text(item.get("runId"));
                if (id != null && ids.size() < MAX_RUNS) {
                    ids.add(id);
                }
            }
        } else if (node.isObject()) {
            node.fieldNames().forEachRemaining(name -> {
                if (ids.size() < MAX_RUNS) {
                    ids.add(name);
                }
            });
        }
        return ids;
    }
}
