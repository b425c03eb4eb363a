package dev.lockwatch.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Reading Lockwatch's JSON in the tests. */
final class E2e {
    private E2e() {
    }

    /** The one gateway lock {@code gateway --json} found (2026.9 also has {@code gateway.state.lock}: not this one). */
    static JsonNode onlyGateway(Lockwatch.Result r) {
        List<JsonNode> gateways = new ArrayList<>();
        r.json().path("gateways").forEach(g -> {
            if (!g.path("lockPath").asText().endsWith("/gateway.state.lock")) {
                gateways.add(g);
            }
        });
        if (gateways.size() != 1) {
            throw new AssertionError("expected one gateway lock, found " + gateways.size() + ":\n" + r);
        }
        return gateways.get(0);
    }

    static List<JsonNode> locks(Lockwatch.Result r) {
        List<JsonNode> locks = new ArrayList<>();
        r.json().path("locks").forEach(locks::add);
        return locks;
    }

    static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(n.asText()));
        return texts;
    }

    static List<String> texts(JsonNode array, String field) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(n.path(field).asText()));
        return texts;
    }
}
