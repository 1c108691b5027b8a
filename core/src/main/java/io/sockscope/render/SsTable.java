package io.sockscope.render;

import java.io.IOException;
import java.io.OutputStream;

/**
 * ss's table writer: fields are buffered as tokens, column widths are measured over a batch, and the batch
 * is printed with ss's alignment and delimiters. A batch ends where ss's would (see {@link ChunkAccounting}),
 * and widths only grow from one batch to the next.
 *
 * <p>Callers move through the columns with {@link #field(Column)} and append text to the current one;
 * appends to a disabled column are dropped, exactly as ss drops them.
 */
final class SsTable {
    private final OutputStream out;
    private final boolean[] disabled = new boolean[Column.COUNT];
    private final int[] maxLength = new int[Column.COUNT];
    private final ColumnWidths widths;
    private final TokenStore tokens = new TokenStore();
    private final ChunkAccounting chunks = new ChunkAccounting();
    private final boolean escapeControls;
    private final boolean trimLastColumn;
    private int current;
    private final byte[] number = new byte[24];

    /**
     * @param out         where rows go; flushed batch by batch
     * @param screenWidth the terminal width, or -1 for compact output (not a terminal)
     */
    SsTable(OutputStream out, int screenWidth) {
        this(out, screenWidth, false, false);
    }

    /**
     * @param escapeControls write {@link #name} text with {@link ControlEscapes} (for a terminal) rather than
     *                       as it is (as ss does)
     * @param trimLastColumn in compact output, leave the last column shown before the row end unpadded (ss 7.0
     *                       and later), rather than padding it to its width like every other
     */
    SsTable(OutputStream out, int screenWidth, boolean escapeControls, boolean trimLastColumn) {
        this.out = out;
        this.widths = new ColumnWidths(screenWidth);
        this.escapeControls = escapeControls;
        this.trimLastColumn = trimLastColumn && screenWidth <= 0;
    }

    void disable(Column c) {
        disabled[c.ordinal()] = true;
    }

    boolean isDisabled(Column c) {
        return disabled[c.ordinal()];
    }

    /** Writes every enabled header into the buffer, leaving the cursor on the row-end column. */
    void header() throws IOException {
        while (!Column.ALL[current].isLast()) {
            text(Column.ALL[current].header);
            next();
        }
    }

    /** Advances (closing fields on the way) until {@code target} is the current field. */
    void field(Column target) throws IOException {
        while (current != target.ordinal()) {
            next();
        }
    }

    /** Closes the current field; at the row end, prints the batch when ss would. */
    void next() throws IOException {
        if (Column.ALL[current].isLast() && chunks.chunks() >= ChunkAccounting.RENDER_AT_CHUNKS) {
            render();
            return;
        }
        closeField();
        current = Column.ALL[current].isLast() ? 0 : current + 1;
    }

    private void closeField() {
        if (disabled[current]) {
            return;
        }
        int length = tokens.currentLength();
        if (length > maxLength[current]) {
            maxLength[current] = length;
        }
        chunks.closeToken();
        tokens.closeToken();
    }

    private boolean accept(int length) {
        if (disabled[current]) {
            return false;
        }
        int kept = chunks.append(length);
        return kept == length || truncateAfter(kept);
    }

    private boolean truncateAfter(int kept) {
        // Only a single field of over 64 KiB gets here; ss keeps its head.
        tokens.truncateCurrent(tokens.currentLength() + kept);
        return false;
    }

    void text(String s) {
        if (accept(s.length())) {
            tokens.appendLatin1(s);
        }
    }

    void bytes(byte[] b, int offset, int length) {
        if (accept(length)) {
            tokens.append(b, offset, length);
        }
    }

    void bytes(byte[] b) {
        bytes(b, 0, b.length);
    }

    /**
     * Appends a name someone other than the kernel chose (a process name, a socket path): as it is, or with
     * its control bytes escaped when this table escapes them. The column is sized by what is written.
     */
    void name(byte[] b, int offset, int length) {
        if (escapeControls && ControlEscapes.needed(b, offset, offset + length)) {
            bytes(ControlEscapes.escape(b, offset, offset + length));
        } else {
            bytes(b, offset, length);
        }
    }

    void name(byte[] b) {
        name(b, 0, b.length);
    }

    void character(char c) {
        if (accept(1)) {
            tokens.append((byte) c);
        }
    }

    /**
     * Writes bytes straight to the output, ahead of the rows still buffered. ss prints a TCP-MD5 key this way
     * (with printf instead of into its field buffer), so the key lands before the table text of its batch.
     */
    void direct(byte[] b, int offset, int length) throws IOException {
        out.write(b, offset, length);
    }

    /** Appends a decimal number ({@code %d} / {@code %u}). */
    void decimal(long v) {
        int n = formatDecimal(v);
        bytes(number, number.length - n, n);
    }

    /** Appends a decimal number left-aligned in at least {@code width} characters ({@code %-6d}). */
    void decimalPadded(long v, int width) {
        int n = formatDecimal(v);
        int total = Math.max(n, width);
        if (!accept(total)) {
            return;
        }
        tokens.append(number, number.length - n, n);
        for (int i = n; i < total; i++) {
            tokens.append((byte) ' ');
        }
    }

    /** Appends a hexadecimal number in lower case without leading zeros ({@code %llx}, {@code %x}). */
    void hex(long v) {
        hexPadded(v, 1);
    }

    /** Appends a lower-case hexadecimal number of at least {@code width} digits, zero-filled ({@code %08x}). */
    void hexPadded(long v, int width) {
        int pos = number.length;
        long x = v;
        do {
            int d = (int) (x & 0xf);
            number[--pos] = (byte) (d < 10 ? '0' + d : 'a' + d - 10);
            x >>>= 4;
        } while (x != 0);
        int n = number.length - pos;
        for (int i = n; i < width; i++) {
            character('0');
        }
        bytes(number, pos, n);
    }

    /** Appends an unsigned 64-bit decimal number ({@code %llu}). */
    void unsigned(long v) {
        if (v >= 0) {
            decimal(v);
            return;
        }
        long quotient = Long.divideUnsigned(v, 10);
        decimal(quotient);
        decimal(v - quotient * 10);
    }

    /** Appends a decimal number of at least {@code width} digits, zero-filled ({@code %03d}). */
    void decimalZeroPadded(long v, int width) {
        int n = formatDecimal(v);
        for (int i = n; i < width; i++) {
            character('0');
        }
        bytes(number, number.length - n, n);
    }

    private int formatDecimal(long v) {
        if (v == Long.MIN_VALUE) {
            byte[] s = Long.toString(v).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            System.arraycopy(s, 0, number, number.length - s.length, s.length);
            return s.length;
        }
        boolean negative = v < 0;
        long x = negative ? -v : v;
        int pos = number.length;
        do {
            number[--pos] = (byte) ('0' + (x % 10));
            x /= 10;
        } while (x != 0);
        if (negative) {
            number[--pos] = '-';
        }
        return number.length - pos;
    }

    /** The last enabled column before the row end, which ss 7.x leaves unpadded in compact output. */
    private int lastShownColumn() {
        int last = -1;
        for (int c = 0; c < Column.COUNT - 1; c++) {
            if (!disabled[c]) {
                last = c;
            }
        }
        return last;
    }

    /** Prints whatever is buffered (the end of the listing, or a full batch) and starts a new batch. */
    void render() throws IOException {
        int count = tokens.tokenCount(true);
        if (!chunks.hasChunk()) {
            current = 0;
            return;
        }
        int[] width = widths.compute(disabled, maxLength);
        new BatchPrinter(out, tokens, disabled, width, trimLastColumn ? lastShownColumn() : -1).print(count);
        tokens.clear();
        chunks.reset();
        current = 0;
    }
}
