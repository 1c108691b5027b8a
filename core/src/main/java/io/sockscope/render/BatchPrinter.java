package io.sockscope.render;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * Replays one batch of tokens as ss prints them: tokens are dealt to the enabled columns in order, a left
 * delimiter precedes every token but the first of a line, right-aligned columns are padded on the left and
 * left-aligned ones on the right, and the row-end column ends the line.
 *
 * <p>Each row is printed by a call of its own ({@link #row}) rather than in the body of one loop over the
 * batch: a batch is a single call holding hundreds of thousands of tokens, and the JIT compiles a loop body
 * only after tens of thousands of iterations ran interpreted, but a small method after a few hundred calls.
 */
final class BatchPrinter {
    private static final int BUFFER = 64 * 1024;
    private static final byte[][] DELIMITERS = new byte[Column.COUNT][];

    static {
        for (Column c : Column.ALL) {
            DELIMITERS[c.ordinal()] = c.leftDelimiter.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        }
    }

    private final OutputStream out;
    private final TokenStore tokens;
    private final boolean[] disabled;
    private final int[] width;
    private final int unpaddedColumn;
    private final byte[] buffer = new byte[BUFFER];
    private int fill;
    private byte[] data;
    private int offset;
    private int column;
    private boolean lineStarted;

    /** @param unpaddedColumn a column never padded on the right (ss 7.x's last column when compact), or -1 */
    BatchPrinter(OutputStream out, TokenStore tokens, boolean[] disabled, int[] width, int unpaddedColumn) {
        this.out = out;
        this.tokens = tokens;
        this.disabled = disabled;
        this.width = width;
        this.unpaddedColumn = unpaddedColumn;
    }

    void print(int count) throws IOException {
        data = tokens.bytes();
        offset = 0;
        column = 0;
        while (column < Column.COUNT - 1 && width[column] == 0) {
            column++;
        }
        lineStarted = false;
        for (int t = 0; t < count; ) {
            t = row(t, count);
        }
        if (lineStarted) {
            put((byte) '\n');
        }
        flush();
    }

    /** Prints tokens from {@code t} to the end of the row (or of the batch); returns the token after them. */
    private int row(int t, int count) throws IOException {
        int next = t;
        do {
            token(tokens.length(next++));
        } while (lineStarted && next < count);
        return next;
    }

    /** Prints the next token, {@code length} bytes long, in the current column, and moves to the next one. */
    private void token(int length) throws IOException {
        int w = width[column];
        int printed = 0;
        if (lineStarted) {
            byte[] delimiter = DELIMITERS[column];
            put(delimiter, 0, delimiter.length);
            printed = delimiter.length;
        }
        lineStarted = true;
        if (w != 0 && Column.ALL[column].align == Column.Align.RIGHT) {
            printed += spaces(w - length - printed);
        }
        put(data, offset, length);
        printed += length;
        offset += length;
        if (w != 0 && Column.ALL[column].align == Column.Align.LEFT && column != unpaddedColumn) {
            spaces(w - printed);
        }
        do {
            if (column == Column.COUNT - 1) {
                put((byte) '\n');
                column = 0;
                lineStarted = false;
            } else {
                column++;
            }
        } while (disabled[column]);
    }

    private int spaces(int n) throws IOException {
        if (n <= 0) {
            return 0;
        }
        if (n > buffer.length - fill) {
            flush();
            if (n > buffer.length) {
                byte[] blanks = new byte[n];
                Arrays.fill(blanks, (byte) ' ');
                out.write(blanks);
                return n;
            }
        }
        Arrays.fill(buffer, fill, fill + n, (byte) ' ');
        fill += n;
        return n;
    }

    private void put(byte b) throws IOException {
        if (fill == buffer.length) {
            flush();
        }
        buffer[fill++] = b;
    }

    private void put(byte[] src, int from, int length) throws IOException {
        if (length > buffer.length - fill) {
            flush();
            if (length > buffer.length) {
                out.write(src, from, length);
                return;
            }
        }
        System.arraycopy(src, from, buffer, fill, length);
        fill += length;
    }

    private void flush() throws IOException {
        if (fill > 0) {
            out.write(buffer, 0, fill);
            fill = 0;
        }
    }
}
