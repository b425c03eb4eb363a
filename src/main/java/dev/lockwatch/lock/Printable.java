package dev.lockwatch.lock;

/**
 * Untrusted text (file names, payloads, process command lines: anyone can set their process title) made safe for a
 * terminal or a log line: control characters (C0 with newline and ESC, DEL, C1 with CSI), line and paragraph
 * separators and bidi overrides become visible escapes, and a backslash is doubled so an escape cannot be forged.
 * The engine's log messages use it; the CLI's {@code SafeText} builds on it.
 */
public final class Printable {
    private Printable() {
    }

    public static String terminal(Object value) {
        if (value == null) {
            return null;
        }
        String text = value.toString();
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            if (cp == '\\') {
                out.append("\\\\");
            } else if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0) || cp == 0x2028 || cp == 0x2029
                    || (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069)) {
                out.append(cp < 0x100 ? String.format("\\x%02x", cp) : String.format("\\u%04x", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }
}
