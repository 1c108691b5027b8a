package io.sockscope.render;

/**
 * Mirrors how ss fills its output buffer (1 MiB chunks of length-prefixed, 2-byte aligned tokens) without
 * holding the bytes, so that sockscope renders a batch at exactly the row where ss does: ss prints and
 * re-measures nothing until five chunks are in use, and the batch boundary decides which rows share column
 * widths. Only the byte counts matter here; the text itself lives in {@link TokenStore}.
 */
final class ChunkAccounting {
    /** ss allocates 1 MiB per chunk, of which a 16-byte header (two pointers) is not data. */
    static final int DATA_CAPACITY = 1024 * 1024 - 16;
    /** A token's length is a 16-bit prefix. */
    private static final int LENGTH_PREFIX = 2;
    private static final int MAX_TOKEN = 0xFFFF;
    static final int RENDER_AT_CHUNKS = 5;

    private int chunks;
    /** Bytes of the current chunk's data area in use, including the current token's prefix. */
    private int used;
    private int currentLength;
    private boolean currentStartsChunk;

    int chunks() {
        return chunks;
    }

    boolean hasChunk() {
        return chunks > 0;
    }

    private int available() {
        return DATA_CAPACITY - used;
    }

    private void newChunk() {
        chunks++;
        used = LENGTH_PREFIX;
        currentLength = 0;
        currentStartsChunk = true;
    }

    /**
     * Accounts for appending {@code length} bytes to the current token and returns how many of them ss keeps
     * (it cuts a token that cannot fit even in a fresh chunk, and any token beyond 65,535 bytes).
     */
    int append(int length) {
        if (chunks == 0) {
            newChunk();
        }
        if (!(length < available()) && !currentStartsChunk) {
            // ss moves the partial token to a new chunk and prints the piece again there.
            int carried = currentLength;
            newChunk();
            used += carried;
            currentLength = carried;
        }
        int kept = Math.min(length, available());
        kept = Math.min(kept, MAX_TOKEN - currentLength);
        used += kept;
        currentLength += kept;
        return kept;
    }

    /** Accounts for closing the current token and starting the next one. */
    void closeToken() {
        if (chunks == 0) {
            newChunk();
        }
        int pad = currentLength % 2;
        long room = available() - pad;
        // ss compares this as an unsigned number: a negative room counts as plenty.
        if (room >= 0 && room < LENGTH_PREFIX) {
            newChunk();
            return;
        }
        used += pad + LENGTH_PREFIX;
        currentLength = 0;
        currentStartsChunk = false;
    }

    void reset() {
        chunks = 0;
        used = 0;
        currentLength = 0;
        currentStartsChunk = false;
    }
}
