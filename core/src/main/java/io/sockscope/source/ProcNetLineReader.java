package io.sockscope.source;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a {@code /proc/net} file in the pieces ss's {@code fgets(buf, 256, fp)} would return: up to and
 * including a newline, but never more than 255 bytes, so an over-long line arrives as several pieces, the
 * first ones without a newline. Each piece is seen as a C string would be, ending at its first NUL byte.
 *
 * <p>The current piece is exposed as a window {@link #start()}..{@link #end()} of {@link #buffer()} with
 * the newline excluded, valid until the next call to {@link #next()}; nothing is copied per line.
 */
final class ProcNetLineReader {
    /** The largest piece {@code fgets} returns with ss's 256-byte buffer (one byte is for the NUL). */
    static final int MAX_PIECE = 255;
    private static final int BUFFER_SIZE = 64 * 1024;

    private final InputStream in;
    private final byte[] buffer = new byte[BUFFER_SIZE];
    private int filled;
    private int position;
    private boolean eof;
    private int start;
    private int end;
    private boolean terminated;
    private int pieceNumber;

    ProcNetLineReader(InputStream in) {
        this.in = in;
    }

    /** Moves to the next piece; false at end of file. */
    boolean next() throws IOException {
        if (filled - position < MAX_PIECE && !eof) {
            refill();
        }
        if (position >= filled) {
            return false;
        }
        int limit = Math.min(filled, position + MAX_PIECE);
        int newline = -1;
        for (int i = position; i < limit; i++) {
            if (buffer[i] == '\n') {
                newline = i;
                break;
            }
        }
        int pieceEnd = newline >= 0 ? newline + 1 : limit;
        start = position;
        position = pieceEnd;
        pieceNumber++;
        // strlen() stops at a NUL: what follows it in the piece is invisible to ss.
        int stringEnd = pieceEnd;
        for (int i = start; i < pieceEnd; i++) {
            if (buffer[i] == 0) {
                stringEnd = i;
                break;
            }
        }
        terminated = stringEnd == pieceEnd && newline >= 0;
        end = terminated ? newline : stringEnd;
        return true;
    }

    private void refill() throws IOException {
        if (position > 0) {
            System.arraycopy(buffer, position, buffer, 0, filled - position);
            filled -= position;
            position = 0;
        }
        while (filled < buffer.length) {
            int n = in.read(buffer, filled, buffer.length - filled);
            if (n < 0) {
                eof = true;
                return;
            }
            filled += n;
            if (filled - position >= MAX_PIECE) {
                return;
            }
        }
    }

    byte[] buffer() {
        return buffer;
    }

    /** First byte of the current piece. */
    int start() {
        return start;
    }

    /** One past the last byte of the current piece, newline excluded. */
    int end() {
        return end;
    }

    /** Whether the piece ended in a newline (and held no NUL before it), as ss's strict reader demands. */
    boolean terminated() {
        return terminated;
    }

    /** 1-based number of the current piece in the file (the header is piece 1). */
    int lineNumber() {
        return pieceNumber;
    }
}
