package io.sockscope.diagnose;

import java.util.List;

/**
 * The doctor's answer.
 *
 * @param target       the target and client as asked, e.g. {@code tcp port 8080 from a remote client}
 * @param verdict      one line: OK or PROBLEM, and the main reason
 * @param findings     what was found, errors first, then warnings, then information
 * @param observations what was looked at when it is not already evidence of a finding (the listener rows of a
 *                     healthy service, the firewall rule that accepts), for people who want to see it
 */
public record Diagnosis(String target, String verdict, List<Finding> findings, List<Evidence> observations) {
    public Diagnosis {
        findings = List.copyOf(findings);
        observations = List.copyOf(observations);
    }

    /** Whether any finding is an error or a warning (the command then exits 1). */
    public boolean problem() {
        return findings.stream().anyMatch(f -> f.severity().isProblem());
    }
}
