package io.sockscope.diagnose;

import java.util.List;
import java.util.Objects;

/**
 * The answer of {@code doctor --all}: one verdict over every listener, and each listener's own.
 *
 * @param subject         what was examined, e.g. {@code tcp listeners for remote clients}
 * @param verdict         one line: OK, PROBLEM or UNDECIDED, and how many listeners are in the way
 * @param status          PROBLEM when a listener has a problem, else UNDECIDED when one is undecided, else OK
 * @param listeners       every listener, by port, then address
 * @param firewallProblem why the firewall ruleset could not be read, or null (read, or not asked for)
 */
public record Audit(String subject, String verdict, Diagnosis.Status status, List<ListenerAudit> listeners,
                    String firewallProblem) {
    public Audit {
        Objects.requireNonNull(status, "status");
        listeners = List.copyOf(listeners);
    }
}
