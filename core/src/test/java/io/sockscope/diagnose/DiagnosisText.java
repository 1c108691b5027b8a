package io.sockscope.diagnose;

import java.util.List;
import java.util.stream.Collectors;

/** What the doctor's tests look at in a diagnosis: its finding codes, one finding, a finding as one text. */
final class DiagnosisText {
    private DiagnosisText() {
    }

    static List<FindingCode> codes(Diagnosis d) {
        return d.findings().stream().map(Finding::code).toList();
    }

    static Finding finding(Diagnosis d, FindingCode code) {
        return d.findings().stream().filter(f -> f.code() == code).findFirst()
                .orElseThrow(() -> new AssertionError("no " + code + " in " + d));
    }

    /** Summary, evidence facts and rules (with where each rule is), and fix, as one text. */
    static String text(Finding f) {
        return f.summary() + "\n" + f.evidence().stream().map(e -> switch (e) {
            case Evidence.Fact fact -> fact.text();
            case Evidence.FirewallRule r -> r.location() + ": " + r.rule();
            case Evidence.Sockets s -> s.sockets().size() + " sockets";
            case Evidence.NamespaceSockets s -> s.heading() + " " + s.sockets().size() + " sockets";
        }).collect(Collectors.joining("\n")) + "\n" + f.fix();
    }
}
