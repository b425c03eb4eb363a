package dev.lockwatch.cli;

import dev.lockwatch.lock.Printable;

/**
 * Makes untrusted text (file names, payloads, process command lines: anyone can set their process title)
 * safe for a terminal and for Markdown: control characters, including ESC, become visible escapes.
 */
public final class SafeText {
    private static final String MARKDOWN_PUNCTUATION = "\\`*_{}[]()#+-.!|~:'";

    private SafeText() {
    }

    public static String terminal(String text) {
        return Printable.terminal(text);
    }

    /**
     * {@code text} as literal Markdown text, safe in a paragraph, a list item or a table cell, rendered or raw: first
     * escaped as for a terminal (so it is one line, without ESC or other controls), then every Markdown
     * punctuation character backslash-escaped ({@code \ ` * _ { } [ ] ( ) # + - . ! | ~ : '}: no emphasis, link,
     * image, heading, list, code span, table cell break or autolink scheme) and the HTML specials written as entities
     * ({@code & < > "}: no tag, comment or entity of the text's own). Null stays null.
     */
    public static String markdown(String text) {
        if (text == null) {
            return null;
        }
        String line = terminal(text);
        StringBuilder out = new StringBuilder(line.length() + 16);
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                default -> {
                    if (MARKDOWN_PUNCTUATION.indexOf(c) >= 0) {
                        out.append('\\');
                    }
                    out.append(c);
                }
            }
        }
        return out.toString();
    }
}
