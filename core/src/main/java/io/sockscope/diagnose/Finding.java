package io.sockscope.diagnose;

import java.util.List;

/**
 * One thing the doctor found.
 *
 * @param code     the stable code
 * @param severity error, warning or info
 * @param summary  one sentence saying what is wrong, naming the socket and its owner
 * @param evidence what it rests on
 * @param fix      one or two sentences saying what to change (naming the owner and, for well-known daemons,
 *                 the setting), or null when there is nothing to change
 */
public record Finding(FindingCode code, Severity severity, String summary, List<Evidence> evidence, String fix) {
    public Finding {
        evidence = List.copyOf(evidence);
    }
}
