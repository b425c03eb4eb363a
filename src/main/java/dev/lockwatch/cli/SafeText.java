package dev.lockwatch.cli;

import dev.lockwatch.lock.Printable;

/**
 * Makes untrusted text (file names, payloads, process command lines: anyone can set their process title)
 * safe for a terminal: control characters, including ESC, become visible escapes (Markdown: {@code report.Markdown}).
 */
public final class SafeText {
    private SafeText() {
    }

    public static String terminal(String text) {
        return Printable.terminal(text);
    }
}
