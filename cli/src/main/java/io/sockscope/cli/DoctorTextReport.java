package io.sockscope.cli;

import io.sockscope.diagnose.Diagnosis;
import io.sockscope.diagnose.Evidence;
import io.sockscope.diagnose.Finding;

import java.util.List;

/**
 * The doctor's answer for people: the verdict line first, then each finding with its evidence and fix, then
 * what was looked at. Sentences are laid out as the {@link TextStyle} says (wrapped, coloured, ASCII); ss rows
 * never are, since their columns would no longer line up.
 */
final class DoctorTextReport {
    private static final String INDENT = "  ";
    /** Continuation lines sit this much deeper than the line they continue. */
    private static final String HANGING = "    ";

    private final StringBuilder out = new StringBuilder();
    private final DoctorEvidenceText evidence;
    private final TextStyle style;

    private DoctorTextReport(DoctorEvidenceText evidence, TextStyle style) {
        this.evidence = evidence;
        this.style = style;
    }

    /** As written: one line per sentence, no colour. */
    static String render(Diagnosis d, DoctorEvidenceText evidence) {
        return render(d, evidence, TextStyle.PLAIN);
    }

    static String render(Diagnosis d, DoctorEvidenceText evidence, TextStyle style) {
        return render(d, evidence, style, true);
    }

    /** @param lookedAt whether to end with what was looked at (an audit's details leave it out) */
    static String render(Diagnosis d, DoctorEvidenceText evidence, TextStyle style, boolean lookedAt) {
        DoctorTextReport r = new DoctorTextReport(evidence, style);
        r.verdict(d);
        for (Finding f : d.findings()) {
            r.out.append('\n');
            String severity = f.severity().label();
            r.sentence("", (style.colour() ? TerminalColour.severity(f.severity(), severity) : severity) + " "
                    + f.code() + ": " + r.ascii(f.summary()));
            for (Evidence e : f.evidence()) {
                r.evidence(e);
            }
            if (f.fix() != null) {
                r.sentence(INDENT, "fix: " + r.ascii(f.fix()));
            }
        }
        if (lookedAt && !d.observations().isEmpty()) {
            r.out.append('\n').append("looked at:").append('\n');
            for (Evidence e : d.observations()) {
                r.evidence(e);
            }
        }
        return r.out.toString();
    }

    private void verdict(Diagnosis d) {
        String verdict = ascii(d.verdict());
        String word = d.status().name();
        String head = ascii(d.target()) + ": " + word;
        if (style.colour() && verdict.startsWith(head)) {
            verdict = head.substring(0, head.length() - word.length()) + TerminalColour.status(d.status(), word)
                    + verdict.substring(head.length());
        }
        sentence("", verdict);
    }

    private void evidence(Evidence e) {
        List<String> lines = evidence.lines(e, true);
        for (int i = 0; i < lines.size(); i++) {
            // ss rows keep their columns; the line naming another namespace above its rows is a sentence.
            boolean row = e instanceof Evidence.Sockets || (e instanceof Evidence.NamespaceSockets && i > 0);
            if (row) {
                out.append(INDENT).append(lines.get(i)).append('\n');
            } else {
                sentence(INDENT, ascii(lines.get(i)));
            }
        }
    }

    private void sentence(String indent, String text) {
        for (String line : WordWrap.wrap(text, indent, indent + HANGING, style.width())) {
            out.append(line).append('\n');
        }
    }

    private String ascii(String text) {
        return style.ascii() ? AsciiPunctuation.of(text) : text;
    }
}
