package dev.lockwatch.cli;

/**
 * Makes untrusted text (file names, payloads, process command lines: anyone can set their process title)
 * safe for a terminal: control characters, including ESC, become visible escapes.
 */
public final class SafeText {
    private SafeText() {
    }

    public static String terminal(String text) {
        if (text == null) {
            return null;
        }
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
