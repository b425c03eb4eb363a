package dev.lockwatch.cli;

import picocli.CommandLine.Option;

/** {@code --json}, shared by every command: JSON whose field names are a contract. */
final class JsonOption {
    @Option(names = "--json", description = "Print JSON instead of text (field names are a contract).")
    boolean json;
}
