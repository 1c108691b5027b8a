package io.sockscope.cli;

import io.sockscope.diagnose.Audit;
import io.sockscope.diagnose.Diagnosis;
import io.sockscope.diagnose.ListenerAudit;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code doctor --all} for people: the audit's verdict, one line per listener (its state, its verdict in a word,
 * where it listens, who holds it), then the details of every listener in the way, as {@code doctor TARGET}
 * prints them. Listeners that share an answer (the wildcards of one port) share its details too.
 */
final class DoctorAuditTextReport {
    private static final List<String> HEADER = List.of("State", "Verdict", "Listener", "Process");

    private DoctorAuditTextReport() {
    }

    static String render(Audit audit, DoctorEvidenceText evidence, TextStyle style) {
        StringBuilder out = new StringBuilder();
        String verdict = style.ascii() ? AsciiPunctuation.of(audit.verdict()) : audit.verdict();
        String word = audit.status().name();
        String head = audit.subject() + ": " + word;
        if (style.colour() && verdict.startsWith(head)) {
            verdict = audit.subject() + ": " + TerminalColour.status(audit.status(), word)
                    + verdict.substring(head.length());
        }
        for (String line : WordWrap.wrap(verdict, "", "    ", style.width())) {
            out.append(line).append('\n');
        }
        if (audit.listeners().isEmpty()) {
            return out.toString();
        }
        out.append('\n');
        table(audit, style, out);
        if (audit.firewallProblem() != null) {
            out.append('\n');
            String note = "firewall: not examined, the ruleset could not be read (" + audit.firewallProblem() + "): run"
                    + " the doctor as root, or pass --no-firewall to leave the firewall out";
            for (String line : WordWrap.wrap(style.ascii() ? AsciiPunctuation.of(note) : note, "", "    ",
                    style.width())) {
                out.append(line).append('\n');
            }
        }
        Map<Diagnosis, Boolean> shown = new IdentityHashMap<>();
        for (ListenerAudit l : audit.listeners()) {
            Diagnosis d = l.diagnosis();
            if (needsDetails(d, audit) && shown.put(d, Boolean.TRUE) == null) {
                out.append('\n').append(DoctorTextReport.render(d, evidence, style, false));
            }
        }
        return out.toString();
    }

    /**
     * Problems, and undecided answers that depend on the client; not those undecided only because the ruleset
     * could not be read, which the note above the details says once for all.
     */
    private static boolean needsDetails(Diagnosis d, Audit audit) {
        return d.status() == Diagnosis.Status.PROBLEM
                || d.status() == Diagnosis.Status.UNDECIDED && audit.firewallProblem() == null;
    }

    /** The listeners as columns sized to their widest cell; the last (the owner) is not padded. */
    private static void table(Audit audit, TextStyle style, StringBuilder out) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADER);
        for (ListenerAudit l : audit.listeners()) {
            String owner = style.ascii() ? AsciiPunctuation.of(l.owner()) : l.owner();
            rows.add(List.of(l.diagnosis().status().name(), l.label(), l.describe(), owner));
        }
        int[] widths = new int[HEADER.size()];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        for (int r = 0; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                String cell = row.get(i);
                if (i == 0 && r > 0 && style.colour()) {
                    line.append(TerminalColour.status(audit.listeners().get(r - 1).diagnosis().status(), cell));
                } else {
                    line.append(cell);
                }
                if (i < row.size() - 1) {
                    line.append(" ".repeat(widths[i] - cell.length() + 2));
                }
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
    }
}
