package io.sockscope.procmap;

/**
 * Recognises the target of a {@code /proc/<id>/fd/<n>} link that names a socket, {@code socket:[INODE]}, as
 * ss does: the prefix must match exactly, the number is read with {@code %u} leniency, and only the first
 * {@link #MAX_LENGTH} bytes of the target are looked at (ss reads links into a 64-byte buffer).
 */
final class SocketLink {
    /** The longest prefix of a link target ss ever reads. */
    static final int MAX_LENGTH = 63;

    private static final byte[] PREFIX = {'s', 'o', 'c', 'k', 'e', 't', ':', '['};

    private SocketLink() {
    }

    /**
     * The socket inode named by {@code target[0..length)}, or 0 when it names no socket. Inode 0 is never
     * reported because ss never looks it up.
     */
    static long inodeOf(byte[] target, int length) {
        int end = Math.min(length, MAX_LENGTH);
        if (end < PREFIX.length) {
            return 0;
        }
        for (int i = 0; i < PREFIX.length; i++) {
            if (target[i] != PREFIX[i]) {
                return 0;
            }
        }
        long inode = ScanfNumbers.parseUnsigned(target, PREFIX.length, end);
        return inode == ScanfNumbers.NO_NUMBER ? 0 : inode;
    }
}
