package io.sockscope.differential;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What one finished command left behind: its exit code and the exact bytes it wrote to stdout and stderr.
 * The arrays are owned by the record and never changed; compare them with {@link java.util.Arrays#equals}.
 */
record CommandResult(List<String> command, int exitCode, byte[] stdout, byte[] stderr) {

    CommandResult {
        command = List.copyOf(command);
    }

    /** Stdout decoded as UTF-8 (for diffs and parsing; comparisons use the bytes). */
    String stdoutText() {
        return new String(stdout, StandardCharsets.UTF_8);
    }

    /** Stderr decoded as UTF-8. */
    String stderrText() {
        return new String(stderr, StandardCharsets.UTF_8);
    }

    /** A one-line summary for assertion messages. */
    String describe() {
        return String.join(" ", command) + " -> exit " + exitCode;
    }
}
