package io.sockscope.diagnose;

import java.util.List;
import java.util.Objects;

/**
 * The doctor's answer.
 *
 * @param target       the target and client as asked, e.g. {@code tcp port 8080 from a remote client}
 * @param verdict      one line: OK, PROBLEM or UNDECIDED, and the main reason
 * @param status       what the verdict line says, for programs
 * @param findings     what was found, errors first, then warnings, then information
 * @param observations what was looked at when it is not already evidence of a finding (the listener rows of a
 *                     healthy service, the firewall rule that accepts), for people who want to see it
 */
public record Diagnosis(String target, String verdict, Status status, List<Finding> findings,
                        List<Evidence> observations) {
    public Diagnosis {
        Objects.requireNonNull(status, "status");
        findings = List.copyOf(findings);
        observations = List.copyOf(observations);
    }

    /** The verdict, in one word. */
    public enum Status {
        /** Nothing in the way: no findings, or information only. */
        OK("ok"),
        /** An error or a warning. */
        PROBLEM("problem"),
        /**
         * Nothing wrong was found, but whether a client gets through depends on the client or on what the doctor
         * cannot decide: a firewall that lets some clients through and drops others.
         */
        UNDECIDED("undecided");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        /** {@code ok}, {@code problem} or {@code undecided}, as the JSON output writes it. */
        public String label() {
            return label;
        }
    }

    /** Whether any finding is an error or a warning (the command then exits 1). */
    public boolean problem() {
        return status == Status.PROBLEM;
    }
}
