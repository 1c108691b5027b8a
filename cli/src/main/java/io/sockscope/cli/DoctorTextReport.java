package io.sockscope.cli;

import io.sockscope.diagnose.Diagnosis;
import io.sockscope.diagnose.Evidence;
import io.sockscope.diagnose.Finding;

/** The doctor's answer for people: the verdict line first, then each finding with its evidence and fix. */
final class DoctorTextReport {
    private static final String INDENT = "  ";

    private DoctorTextReport() {
    }

    static String render(Diagnosis d, DoctorEvidenceText evidence) {
        StringBuilder out = new StringBuilder();
        out.append(d.verdict()).append('\n');
        for (Finding f : d.findings()) {
            out.append('\n').append(f.severity().label()).append(' ').append(f.code()).append(": ")
                    .append(f.summary()).append('\n');
            for (Evidence e : f.evidence()) {
                for (String line : evidence.lines(e, true)) {
                    out.append(INDENT).append(line).append('\n');
                }
            }
            if (f.fix() != null) {
                out.append(INDENT).append("fix: ").append(f.fix()).append('\n');
            }
        }
        if (!d.observations().isEmpty()) {
            out.append('\n').append("looked at:").append('\n');
            for (Evidence e : d.observations()) {
                for (String line : evidence.lines(e, true)) {
                    out.append(INDENT).append(line).append('\n');
                }
            }
        }
        return out.toString();
    }
}
