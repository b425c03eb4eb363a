package dev.lockwatch.report;

import dev.lockwatch.lock.Printable;

/**
 * Untrusted text (file names, payloads, process command lines: anyone sets their process title) as literal
 * Markdown, safe in a paragraph, a list item or a table cell, rendered or raw: first escaped as for a terminal
 * ({@link Printable}: one line, no ESC or other controls), then every Markdown punctuation character
 * backslash-escaped ({@code \ ` * _ { } [ ] ( ) # + - . ! | ~ : '}: no emphasis, link, image, heading, list,
 * code span, table cell break or autolink scheme) and the HTML specials written as entities ({@code & < > "}).
 */
public final class Markdown {
    private static final String PUNCTUATION = "\\`*_{}[]()#+-.!|~:'";

    private Markdown() {
    }

    /** The escaped text; null stays null. */
    public static String escape(String text) {
        if (text == null) {
            return null;
        }
        String line = Printable.terminal(text);
        StringBuilder out = new StringBuilder(line.length() + 16);
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                default -> {
                    if (PUNCTUATION.indexOf(c) >= 0) {
                        out.append('\\');
                    }
                    out.append(c);
                }
            }
        }
        return out.toString();
    }
}
