package io.sockscope.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Lays a {@code top} table out in two passes, as the listing lays out ss's: the cells first, then each column as
 * wide as its widest cell or header. On a screen narrower than the table the command column gives up width
 * first (down to {@link #SHORTEST_FLEXIBLE}), then every line is cut at the screen's edge.
 */
final class TopLayout {
    /** The narrowest the command column gets before lines are cut instead. */
    static final int SHORTEST_FLEXIBLE = 8;
    private static final String GAP = "  ";

    private TopLayout() {
    }

    /**
     * The header line and one line per row, sorted by {@code columns.get(sortColumn)} (its natural order, or the
     * reverse), each at most {@code width} characters ({@code 0}: no limit).
     */
    static <R> List<String> lines(List<TopColumn<R>> columns, List<R> rows, int sortColumn, boolean reversed,
                                  int width) {
        Comparator<R> order = columns.get(sortColumn).order();
        // Ties keep a stable order by the first column (a pid, a protocol then port).
        Comparator<R> sort = (reversed ? order.reversed() : order).thenComparing(columns.get(0).order())
                .thenComparing(columns.get(1).order());
        List<R> sorted = rows.stream().sorted(sort).toList();
        String[][] cells = new String[sorted.size()][columns.size()];
        int[] widths = new int[columns.size()];
        for (int c = 0; c < columns.size(); c++) {
            widths[c] = columns.get(c).header().length();
            for (int r = 0; r < sorted.size(); r++) {
                cells[r][c] = columns.get(c).cell().apply(sorted.get(r));
                widths[c] = Math.max(widths[c], cells[r][c].length());
            }
        }
        fit(columns, widths, width);
        List<String> lines = new ArrayList<>(sorted.size() + 1);
        lines.add(line(columns, widths, columns.stream().map(TopColumn::header).toArray(String[]::new), width));
        for (String[] row : cells) {
            lines.add(line(columns, widths, row, width));
        }
        return lines;
    }

    /** Narrows the flexible column so that the table fits {@code width}, if it can. */
    private static <R> void fit(List<TopColumn<R>> columns, int[] widths, int width) {
        if (width <= 0) {
            return;
        }
        int total = GAP.length() * (widths.length - 1);
        for (int w : widths) {
            total += w;
        }
        for (int c = 0; c < widths.length && total > width; c++) {
            if (columns.get(c).flexible() && widths[c] > SHORTEST_FLEXIBLE) {
                int giving = Math.min(total - width, widths[c] - SHORTEST_FLEXIBLE);
                widths[c] -= giving;
                total -= giving;
            }
        }
    }

    private static <R> String line(List<TopColumn<R>> columns, int[] widths, String[] cells, int width) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.length; c++) {
            if (c > 0) {
                line.append(GAP);
            }
            String cell = cells[c].length() > widths[c] ? cells[c].substring(0, widths[c]) : cells[c];
            boolean last = c == cells.length - 1;
            if (columns.get(c).numeric()) {
                line.repeat(' ', widths[c] - cell.length()).append(cell);
            } else {
                line.append(cell);
                if (!last) {
                    line.repeat(' ', widths[c] - cell.length());
                }
            }
        }
        return width > 0 && line.length() > width ? line.substring(0, width) : line.toString();
    }
}
