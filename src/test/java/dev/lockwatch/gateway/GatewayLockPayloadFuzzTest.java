package dev.lockwatch.gateway;

import static dev.lockwatch.fuzz.FuzzAssert.bounded;
import static dev.lockwatch.fuzz.FuzzAssert.check;
import static dev.lockwatch.fuzz.FuzzAssert.printable;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * {@link GatewayLockPayload#parse} never throws and keeps a port only within 0..65535. The input is parsed as it is,
 * and again with 2026.8's ownership-token line after it (a newline, 8 TABs and 128 TABs/SPACEs chosen by the input's
 * bits), which must not change what is read. The first byte picks a July-line (&lt;= 2026.7) or 2026.8+ field
 * layout to wrap the rest in, so both layouts are explored beside raw bytes.
 */
class GatewayLockPayloadFuzzTest {

    @FuzzTest
    void parse(byte[] bytes) {
        GatewayLockPayload plain = checked(bytes);
        GatewayLockPayload tokened = checked(withToken(bytes));
        check(plain.equals(tokened), "the token line changed the payload", plain + " vs " + tokened);
        if (bytes.length > 0 && (bytes[0] & 3) != 0) {
            byte[] laidOut = layout(bytes);
            GatewayLockPayload p = checked(laidOut);
            check(p.equals(checked(withToken(laidOut))), "the token line changed a laid-out payload", p);
        }
    }

    private static GatewayLockPayload checked(byte[] bytes) {
        GatewayLockPayload p = bounded(() -> GatewayLockPayload.parse(bytes));
        check(p != null, "null payload", null);
        check(p.port() == null || (p.port() >= 0 && p.port() <= 65535), "port out of range", p.port());
        check(p.startTime() == null || p.startTime() >= 0, "negative startTime", p.startTime());
        for (Object field : new Object[] {p.pid(), p.createdAtRaw(), p.configPath(), p.ownerId(), p.stateDir(), p.role()}) {
            printable(field);
        }
        return p;
    }

    /** The text after byte 0 as the value of fields of one of the two layouts, numbers taken from the same text. */
    private static byte[] layout(byte[] bytes) {
        String rest = new String(bytes, 1, bytes.length - 1, StandardCharsets.UTF_8);
        String quoted = quote(rest);
        String number = rest.strip().isEmpty() ? "0" : rest.strip();
        String json = (bytes[0] & 3) == 1
                ? "{\"pid\":" + number + ",\"createdAt\":" + quoted + ",\"configPath\":\"/c.json\",\"port\":" + number
                        + ",\"startTime\":" + number + "}"
                : "{\n  \"pid\": " + number + ",\n  \"ownerId\": " + quoted + ",\n  \"createdAt\": " + quoted
                        + ",\n  \"configPath\": \"/c.json\",\n  \"stateDir\": " + quoted + ",\n  \"port\": " + number
                        + ",\n  \"startTime\": " + number + ",\n  \"role\": " + quoted + "\n}";
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        s.codePoints().forEach(cp -> {
            if (cp == '"' || cp == '\\' || cp < 0x20) {
                out.append(String.format("\\u%04x", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.append('"').toString();
    }

    static byte[] withToken(byte[] json) {
        byte[] out = Arrays.copyOf(json, json.length + 1 + 8 + 128);
        int at = json.length;
        out[at++] = '\n';
        for (int i = 0; i < 8; i++) {
            out[at++] = '\t';
        }
        for (int i = 0; i < 128; i++) {
            int bit = json.length == 0 ? 0 : (json[i / 8 % json.length] >> (i % 8)) & 1;
            out[at++] = (byte) (bit == 1 ? '\t' : ' ');
        }
        return out;
    }
}
