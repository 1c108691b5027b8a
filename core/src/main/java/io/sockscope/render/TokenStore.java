package io.sockscope.render;

import java.util.Arrays;

/**
 * The text of one batch of fields, stored back to back in one growable byte array with a length per token.
 * It holds a batch only (ss renders every ~5 MiB), so memory stays bounded however many sockets are listed.
 * A token is at most 65,535 bytes (ss's length prefix is 16 bits, see {@link ChunkAccounting}), so a
 * {@code char} holds its length.
 */
final class TokenStore {
    /**
     * The most text a batch can hold: ss's chunks hold the tokens' bytes and more (a length prefix and
     * padding each), so growing past this would only leave the array's tail unused.
     */
    private static final int MAX_BATCH_BYTES = ChunkAccounting.RENDER_AT_CHUNKS * ChunkAccounting.DATA_CAPACITY;

    private byte[] bytes = new byte[64 * 1024];
    private int size;
    private char[] lengths = new char[4096];
    private int tokens;
    private int currentStart;

    void append(byte b) {
        ensure(1);
        bytes[size++] = b;
    }

    void append(byte[] src, int offset, int length) {
        ensure(length);
        System.arraycopy(src, offset, bytes, size, length);
        size += length;
    }

    /** Appends the characters of an ASCII (or Latin-1) string, one byte each. */
    void appendLatin1(String s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            bytes[size++] = (byte) s.charAt(i);
        }
    }

    /** Cuts the current token back to {@code length} bytes (ss truncates over-long tokens). */
    void truncateCurrent(int length) {
        size = currentStart + length;
    }

    int currentLength() {
        return size - currentStart;
    }

    void closeToken() {
        if (tokens == lengths.length) {
            lengths = Arrays.copyOf(lengths, tokens * 2);
        }
        lengths[tokens++] = (char) (size - currentStart);
        currentStart = size;
    }

    /** Number of closed tokens, plus the open one if {@code includeOpen}. */
    int tokenCount(boolean includeOpen) {
        return includeOpen ? tokens + 1 : tokens;
    }

    int length(int token) {
        return token < tokens ? lengths[token] : size - currentStart;
    }

    byte[] bytes() {
        return bytes;
    }

    void clear() {
        size = 0;
        tokens = 0;
        currentStart = 0;
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            int doubled = bytes.length <= MAX_BATCH_BYTES / 2 ? bytes.length * 2 : MAX_BATCH_BYTES;
            bytes = Arrays.copyOf(bytes, Math.max(doubled, size + more));
        }
    }
}
