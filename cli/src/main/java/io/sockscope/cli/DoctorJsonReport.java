package io.sockscope.cli;

import io.sockscope.diagnose.Diagnosis;
import io.sockscope.diagnose.Evidence;
import io.sockscope.diagnose.Finding;

/**
 * The doctor's answer as JSON: {@code {"target", "verdict", "status", "findings": [{"code", "severity",
 * "summary", "evidence": [strings], "fix"}]}}. Socket evidence is one string per ss row (no header line).
 */
final class DoctorJsonReport {
    private DoctorJsonReport() {
    }

    static String render(Diagnosis d, DoctorEvidenceText evidence) {
        DoctorJsonWriter w = new DoctorJsonWriter().beginObject();
        w.name("target").value(d.target());
        w.name("verdict").value(d.verdict());
        w.name("status").value(d.status().label());
        w.name("findings").beginArray();
        for (Finding f : d.findings()) {
            w.beginObject();
            w.name("code").value(f.code().name());
            w.name("severity").value(f.severity().label());
            w.name("summary").value(f.summary());
            w.name("evidence").beginArray();
            for (Evidence e : f.evidence()) {
                for (String line : evidence.lines(e, false)) {
                    w.value(line);
                }
            }
            w.endArray();
            w.name("fix").value(f.fix());
            w.endObject();
        }
        w.endArray();
        return w.endObject().finish();
    }
}
