package io.sockscope.cli;

import io.sockscope.diagnose.Diagnosis;
import io.sockscope.diagnose.Severity;

/**
 * The doctor's colours on a terminal (ECMA-48 SGR sequences): the verdict's word green (OK), red (PROBLEM) or
 * yellow (UNDECIDED); severities red (error), yellow (warning) or cyan (info). The text says the same without
 * them, so nothing is lost where colour is off.
 */
final class TerminalColour {
    private static final String RESET = "\u001b[0m";

    private TerminalColour() {
    }

    static String status(Diagnosis.Status status, String word) {
        return switch (status) {
            case OK -> "\u001b[1;32m" + word + RESET;
            case PROBLEM -> "\u001b[1;31m" + word + RESET;
            case UNDECIDED -> "\u001b[1;33m" + word + RESET;
        };
    }

    static String severity(Severity severity, String word) {
        return switch (severity) {
            case ERROR -> "\u001b[31m" + word + RESET;
            case WARNING -> "\u001b[33m" + word + RESET;
            case INFO -> "\u001b[36m" + word + RESET;
        };
    }
}
