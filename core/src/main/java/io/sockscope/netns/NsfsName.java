package io.sockscope.netns;

/**
 * The name nsfs gives a namespace, {@code TYPE:[INODE]}: what {@code readlink} of {@code /proc/PID/ns/net} reads
 * ({@code net:[4026531840]}), and of a descriptor opened there, and what mountinfo shows as the root of an nsfs
 * bind mount. Parsed by hand, without a regular expression or an allocation: the descriptor scan looks at every
 * link of every process.
 */
final class NsfsName {
    /** Returned when a text is not the name of a namespace of the type asked for. */
    static final long NONE = -1;

    /** A namespace inode is an unsigned 32-bit number; more digits than a long holds are never one. */
    private static final int MAX_DIGITS = 18;
    private static final String NETWORK = "net";

    private NsfsName() {
    }

    /** Whether {@code target[0, length)} begins as a network namespace's name does ({@code net:[}). */
    static boolean startsAsNetwork(byte[] target, int length) {
        return length > 5 && target[0] == 'n' && target[1] == 'e' && target[2] == 't' && target[3] == ':'
                && target[4] == '[';
    }

    /** The inode of {@code text} when it is exactly {@code net:[DIGITS]}, else {@link #NONE}. */
    static long networkInode(CharSequence text) {
        return inode(text, NETWORK);
    }

    /** The inode of {@code text} when it is exactly {@code TYPE:[DIGITS]} of the given type, else {@link #NONE}. */
    static long inode(CharSequence text, String type) {
        int open = type.length();
        int length = text.length();
        // TYPE, ":[", at least one digit, "]".
        if (length < open + 4 || text.charAt(open) != ':' || text.charAt(open + 1) != '['
                || text.charAt(length - 1) != ']') {
            return NONE;
        }
        for (int i = 0; i < open; i++) {
            if (text.charAt(i) != type.charAt(i)) {
                return NONE;
            }
        }
        int from = open + 2;
        int to = length - 1;
        if (to - from > MAX_DIGITS) {
            return NONE;
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return NONE;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
