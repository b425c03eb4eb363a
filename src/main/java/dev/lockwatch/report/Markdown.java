package dev.lockwatch.report;

/**
 * Escapes untrusted text (file names, payloads, command lines: any user sets their process title) for
 * Markdown: markup and HTML characters are backslash-escaped, control characters made visible, so nothing
 * in a report renders as a link, an image, a table cell or a terminal escape.
 */
public final class Markdown {
    /** Characters that start markup anywhere in a line (values never start a line in our reports). */
    private static final String SPECIAL = "\\`*_[]()<>#!|~&$";

    private Markdown() {
    }

    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(cp -> {
            if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0) || (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069)) {
                out.append(String.format("\\\\x%02x", cp & 0xff));
            } else if (cp < 0x80 && SPECIAL.indexOf(cp) >= 0) {
                out.append('\\').append((char) cp);
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }
}
