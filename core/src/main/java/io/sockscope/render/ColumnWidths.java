package io.sockscope.render;

/**
 * ss's column width rule: each enabled column is as wide as its longest field plus its left delimiter (the
 * first visible column gets no delimiter); in compact mode (not a terminal) that is all, on a terminal the
 * columns are broken into lines that fit the screen and the leftover space is spread over each line's
 * columns, the remainder going to the leftmost ones.
 */
final class ColumnWidths {
    private final int screenWidth;
    private final boolean compact;

    ColumnWidths(int screenWidth) {
        this.compact = screenWidth <= 0;
        this.screenWidth = compact ? Integer.MAX_VALUE : screenWidth;
    }

    int[] compute(boolean[] disabled, int[] maxLength) {
        int n = Column.COUNT;
        int[] width = new int[n];
        boolean first = true;
        for (int c = 0; c < n; c++) {
            if (disabled[c]) {
                continue;
            }
            width[c] = (!first && maxLength[c] != 0)
                    ? maxLength[c] + Column.ALL[c].leftDelimiter.length()
                    : maxLength[c];
            width[c] = Math.min(width[c], screenWidth);
            if (width[c] != 0) {
                first = false;
            }
        }
        if (!compact) {
            spread(width);
        }
        return width;
    }

    private void spread(int[] width) {
        int n = width.length;
        int lineEnd = -1;
        int len = 0;
        int lineColumns = 0;
        for (int c = 0; c < n; c++) {
            if (width[c] == 0) {
                continue;
            }
            lineColumns++;
            len += width[c];
            boolean last = true;
            for (int t = c + 1; t < n; t++) {
                if (width[t] != 0) {
                    last = false;
                    break;
                }
            }
            if (!last && len < screenWidth) {
                continue;
            }
            if (len != screenWidth) {
                if (len > screenWidth) {
                    // This column starts the next line.
                    len -= width[c];
                    c--;
                    lineColumns--;
                }
                int pad = screenWidth - len;
                int spacing = lineColumns == 0 ? 0 : pad / lineColumns;
                int remainder = lineColumns == 0 ? 0 : pad % lineColumns;
                for (int t = c; t > lineEnd; t--) {
                    if (width[t] == 0) {
                        continue;
                    }
                    width[t] += spacing;
                    if (remainder > 0) {
                        width[t]++;
                        remainder--;
                    }
                }
            }
            lineEnd = c;
            len = 0;
            lineColumns = 0;
        }
    }
}
