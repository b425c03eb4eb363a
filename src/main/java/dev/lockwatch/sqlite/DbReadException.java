package dev.lockwatch.sqlite;

/** Why one database could not be read, as one line meant for the operator (no stack trace needed). */
public final class DbReadException extends Exception {
    public DbReadException(String message) {
        super(oneLine(message), null, false, false);
    }

    static String oneLine(String s) {
        return s == null ? "unknown error" : s.replaceAll("\\s+", " ").trim();
    }
}
