package io.sockscope.render;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Replays one batch of tokens as ss prints them: tokens are dealt to the enabled columns in order, a left
 * delimiter precedes every token but the first of a line, right-aligned columns are padded on the left and
 * left-aligned ones on the right, and the row-end column ends the line.
 */
final class BatchPrinter {
    private static final int BUFFER = 64 * 1024;

    private final OutputStream out;
    private final TokenStore tokens;
    private final boolean[] disabled;
    private final int[] width;
    private final byte[] buffer = new byte[BUFFER];
    private int fill;

    BatchPrinter(OutputStream out, TokenStore tokens, boolean[] disabled, int[] width) {
        this.out = out;
        this.tokens = tokens;
        this.disabled = disabled;
        this.width = width;
    }

    void print(int count) throws IOException {
        byte[] data = tokens.bytes();
        int offset = 0;
        int column = 0;
        while (column < Column.COUNT - 1 && width[column] == 0) {
            column++;
        }
        boolean lineStarted = false;
        for (int t = 0; t < count; t++) {
            int length = tokens.length(t);
            Column c = Column.ALL[column];
            int printed = 0;
            if (lineStarted) {
                String delimiter = c.leftDelimiter;
                for (int i = 0; i < delimiter.length(); i++) {
                    put((byte) delimiter.charAt(i));
                }
                printed = delimiter.length();
            }
            lineStarted = true;
            if (width[column] != 0 && c.align == Column.Align.RIGHT) {
                int spaces = width[column] - length - printed;
                printed += spaces(spaces);
            }
            put(data, offset, length);
            printed += length;
            offset += length;
            if (width[column] != 0 && c.align == Column.Align.LEFT) {
                spaces(width[column] - printed);
            }
            do {
                if (Column.ALL[column].isLast()) {
                    put((byte) '\n');
                    column = 0;
                    lineStarted = false;
                } else {
                    column++;
                }
            } while (disabled[column]);
        }
        if (lineStarted) {
            put((byte) '\n');
        }
        flush();
    }

    private int spaces(int n) throws IOException {
        for (int i = 0; i < n; i++) {
            put((byte) ' ');
        }
        return Math.max(n, 0);
    }

    private void put(byte b) throws IOException {
        if (fill == buffer.length) {
            flush();
        }
        buffer[fill++] = b;
    }

    private void put(byte[] src, int offset, int length) throws IOException {
        if (length > buffer.length - fill) {
            flush();
            if (length > buffer.length) {
                out.write(src, offset, length);
                return;
            }
        }
        System.arraycopy(src, offset, buffer, fill, length);
        fill += length;
    }

    private void flush() throws IOException {
        if (fill > 0) {
            out.write(buffer, 0, fill);
            fill = 0;
        }
    }
}
