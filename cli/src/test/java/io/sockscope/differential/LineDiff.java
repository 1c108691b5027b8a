package io.sockscope.differential;

import java.util.ArrayList;
import java.util.List;

/**
 * A unified-style line diff written for a person reading a failed test: it names the first differing line
 * and column and shows both versions of it with every blank made visible ({@code ·} space, {@code →} tab,
 * {@code ¶} end of line, {@code \xNN} other control characters), because the usual difference between two
 * ss-like listings is one column's padding. Then come hunks with three lines of context, where removed and
 * added lines keep their spaces but show tabs, control characters and the end of the line.
 *
 * <p>Pure function of its inputs; the output is capped so that a listing that is wrong everywhere does not
 * bury the test report.
 */
final class LineDiff {

    private static final int CONTEXT = 3;
    private static final int MAX_OUTPUT_LINES = 300;
    private static final long MAX_TABLE_CELLS = 25_000_000L;

    private enum Op { SAME, REMOVED, ADDED }

    private record Edit(Op op, int oldIndex, int newIndex) {
    }

    private record Lines(List<String> lines, boolean endsWithNewline) {
        static Lines of(String text) {
            List<String> split = new ArrayList<>(List.of(text.split("\n", -1)));
            boolean newline = split.getLast().isEmpty();
            if (newline) {
                split.removeLast();
            }
            return new Lines(split, newline || text.isEmpty());
        }
    }

    private LineDiff() {
    }

    /**
     * The diff from {@code expected} (lines marked {@code -}) to {@code actual} ({@code +}), or the single line
     * "no difference" when the texts are equal.
     */
    static String render(String expectedLabel, String expected, String actualLabel, String actual) {
        if (expected.equals(actual)) {
            return "no difference\n";
        }
        Lines old = Lines.of(expected);
        Lines now = Lines.of(actual);
        List<Edit> edits = edits(old.lines(), now.lines());
        StringBuilder out = new StringBuilder();
        out.append("--- ").append(expectedLabel).append('\n');
        out.append("+++ ").append(actualLabel).append('\n');
        describeFirstDifference(out, old, now, edits);
        appendHunks(out, old.lines(), now.lines(), edits);
        if (old.endsWithNewline() != now.endsWithNewline()) {
            out.append(old.endsWithNewline() ? "\\ " + actualLabel : "\\ " + expectedLabel)
                    .append(": no newline at end of output\n");
        }
        return cap(out.toString());
    }

    /** The line with every blank and control character made visible, ending in {@code ¶}. */
    static String visible(String line) {
        return show(line, true);
    }

    /** The line with tabs and control characters made visible, ending in {@code ¶}; spaces stay. */
    static String marked(String line) {
        return show(line, false);
    }

    private static String show(String line, boolean spaces) {
        StringBuilder out = new StringBuilder(line.length() + 1);
        line.codePoints().forEach(c -> {
            switch (c) {
                case ' ' -> out.append(spaces ? '·' : ' ');
                case '\t' -> out.append('→');
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\x%02x", c));
                    } else {
                        out.appendCodePoint(c);
                    }
                }
            }
        });
        return out.append('¶').toString();
    }

    private static void describeFirstDifference(StringBuilder out, Lines old, Lines now, List<Edit> edits) {
        int firstOld = -1;
        int firstNew = -1;
        for (Edit e : edits) {
            if (e.op() != Op.SAME) {
                firstOld = e.oldIndex();
                firstNew = e.newIndex();
                break;
            }
        }
        if (firstOld < 0) {
            out.append("the lines are equal; only the final newline differs\n");
            return;
        }
        List<String> a = old.lines();
        List<String> b = now.lines();
        out.append("first difference at line ").append(Math.min(firstOld, firstNew) + 1);
        if (firstOld < a.size() && firstNew < b.size()) {
            String x = a.get(firstOld);
            String y = b.get(firstNew);
            int column = 0;
            while (column < x.length() && column < y.length() && x.charAt(column) == y.charAt(column)) {
                column++;
            }
            out.append(", column ").append(column + 1).append(" (· space, → tab, ¶ end of line):\n");
            out.append("  -").append(visible(x)).append('\n');
            out.append("  +").append(visible(y)).append('\n');
            out.append("   ").append(" ".repeat(visible(x.substring(0, column)).length() - 1)).append("^\n");
        } else if (firstOld < a.size()) {
            out.append(": only the expected output has it:\n  -").append(visible(a.get(firstOld))).append('\n');
        } else {
            out.append(": only the actual output has it:\n  +").append(visible(b.get(firstNew))).append('\n');
        }
    }

    private static void appendHunks(StringBuilder out, List<String> a, List<String> b, List<Edit> edits) {
        int i = 0;
        while (i < edits.size()) {
            if (edits.get(i).op() == Op.SAME) {
                i++;
                continue;
            }
            int start = Math.max(0, i - CONTEXT);
            int end = i;
            // Extend over changes closer together than twice the context.
            int sameRun = 0;
            while (end < edits.size() && sameRun <= 2 * CONTEXT) {
                sameRun = edits.get(end).op() == Op.SAME ? sameRun + 1 : 0;
                end++;
            }
            end = Math.min(edits.size(), end - Math.max(0, sameRun - CONTEXT));
            appendHunk(out, a, b, edits.subList(start, end));
            i = end;
        }
    }

    private static void appendHunk(StringBuilder out, List<String> a, List<String> b, List<Edit> hunk) {
        int oldCount = (int) hunk.stream().filter(e -> e.op() != Op.ADDED).count();
        int newCount = (int) hunk.stream().filter(e -> e.op() != Op.REMOVED).count();
        Edit first = hunk.getFirst();
        out.append("@@ -").append(first.oldIndex() + (oldCount == 0 ? 0 : 1)).append(',').append(oldCount)
                .append(" +").append(first.newIndex() + (newCount == 0 ? 0 : 1)).append(',').append(newCount)
                .append(" @@\n");
        for (Edit e : hunk) {
            switch (e.op()) {
                case SAME -> out.append(' ').append(a.get(e.oldIndex())).append('\n');
                case REMOVED -> out.append('-').append(marked(a.get(e.oldIndex()))).append('\n');
                case ADDED -> out.append('+').append(marked(b.get(e.newIndex()))).append('\n');
            }
        }
    }

    /** A shortest edit script from a longest common subsequence (listings are small). */
    private static List<Edit> edits(List<String> a, List<String> b) {
        int n = a.size();
        int m = b.size();
        List<Edit> edits = new ArrayList<>();
        if ((long) (n + 1) * (m + 1) > MAX_TABLE_CELLS) {
            // Too big to align; everything after the common prefix counts as changed.
            int p = 0;
            while (p < n && p < m && a.get(p).equals(b.get(p))) {
                edits.add(new Edit(Op.SAME, p, p));
                p++;
            }
            for (int i = p; i < n; i++) {
                edits.add(new Edit(Op.REMOVED, i, p));
            }
            for (int j = p; j < m; j++) {
                edits.add(new Edit(Op.ADDED, n, j));
            }
            return edits;
        }
        int[][] common = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                common[i][j] = a.get(i).equals(b.get(j))
                        ? common[i + 1][j + 1] + 1
                        : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && a.get(i).equals(b.get(j))) {
                edits.add(new Edit(Op.SAME, i++, j++));
            } else if (j >= m || (i < n && common[i + 1][j] >= common[i][j + 1])) {
                edits.add(new Edit(Op.REMOVED, i++, j));
            } else {
                edits.add(new Edit(Op.ADDED, i, j++));
            }
        }
        return edits;
    }

    private static String cap(String text) {
        List<String> lines = text.lines().toList();
        if (lines.size() <= MAX_OUTPUT_LINES) {
            return text;
        }
        return String.join("\n", lines.subList(0, MAX_OUTPUT_LINES))
                + "\n... " + (lines.size() - MAX_OUTPUT_LINES) + " more diff lines not shown\n";
    }
}
