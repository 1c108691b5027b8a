package io.sockscope.render;

/**
 * Makes a name that any local user can choose (a process name, a unix socket path, a cgroup path) safe to
 * show on a terminal, the way {@code ls -b} shows file names: what a terminal would act on instead of
 * printing is written as a C escape, so no name can move the cursor, change colours or start a line that
 * looks like another socket's.
 * <ul>
 * <li>{@code \a \b \t \n \v \f \r} for those seven control bytes, {@code \\} for the backslash itself (so an
 *     escape in the output always means an escaped byte);</li>
 * <li>{@code \ooo}, three octal digits, for every other control byte (0x00–0x1F, 0x7F), for each byte of a
 *     UTF-8 C1 control (U+0080–U+009F, which some terminals obey as ESC sequences), and for each byte that
 *     is not part of valid UTF-8;</li>
 * <li>every other byte, printable ASCII and valid UTF-8, unchanged.</li>
 * </ul>
 * ss prints these bytes as they are, so this applies only where sockscope decides to differ from it (a
 * terminal, see {@link ListingFormat#escapeControls()}), and to the lines of text that only sockscope writes
 * ({@code watch}, {@code leaks}, {@code top}).
 */
public final class ControlEscapes {
    private static final byte[] LETTERS = new byte[0x20];

    static {
        LETTERS[0x07] = 'a';
        LETTERS[0x08] = 'b';
        LETTERS[0x09] = 't';
        LETTERS[0x0a] = 'n';
        LETTERS[0x0b] = 'v';
        LETTERS[0x0c] = 'f';
        LETTERS[0x0d] = 'r';
    }

    private ControlEscapes() {
    }

    /** {@code name} as text a terminal prints without acting on any of it. */
    public static String text(byte[] name) {
        byte[] safe = needed(name, 0, name.length) ? escape(name, 0, name.length) : name;
        // Every byte left is printable ASCII or part of valid UTF-8.
        return new String(safe, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Whether {@code b[from..to)} holds anything {@link #escape} would change. */
    static boolean needed(byte[] b, int from, int to) {
        for (int i = from; i < to; ) {
            int kept = keptLength(b, i, to);
            if (kept == 0) {
                return true;
            }
            i += kept;
        }
        return false;
    }

    /** {@code b[from..to)} with every byte that needs it escaped. */
    static byte[] escape(byte[] b, int from, int to) {
        byte[] out = new byte[4 * (to - from)];
        int n = 0;
        for (int i = from; i < to; ) {
            int kept = keptLength(b, i, to);
            if (kept > 0) {
                System.arraycopy(b, i, out, n, kept);
                n += kept;
                i += kept;
                continue;
            }
            int v = b[i++] & 0xff;
            out[n++] = '\\';
            if (v == '\\') {
                out[n++] = '\\';
            } else if (v < LETTERS.length && LETTERS[v] != 0) {
                out[n++] = LETTERS[v];
            } else {
                out[n++] = (byte) ('0' + (v >> 6));
                out[n++] = (byte) ('0' + (v >> 3 & 7));
                out[n++] = (byte) ('0' + (v & 7));
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

    /**
     * How many bytes at {@code i} are shown as they are: 1 for printable ASCII, the length of a valid UTF-8
     * sequence other than a C1 control, or 0 when the byte at {@code i} must be escaped.
     */
    private static int keptLength(byte[] b, int i, int to) {
        int v = b[i] & 0xff;
        if (v < 0x80) {
            return v >= 0x20 && v != 0x7f && v != '\\' ? 1 : 0;
        }
        int length;
        int min;
        if (v >= 0xc2 && v <= 0xdf) {
            length = 2;
            min = 0xa0; // C2 80..C2 9F are the C1 controls; C0 and C1 lead only overlong forms
        } else if (v >= 0xe0 && v <= 0xef) {
            length = 3;
            min = 0x800;
        } else if (v >= 0xf0 && v <= 0xf4) {
            length = 4;
            min = 0x10000;
        } else {
            return 0;
        }
        if (i + length > to) {
            return 0;
        }
        int code = v & (0x7f >> length);
        for (int k = 1; k < length; k++) {
            int c = b[i + k] & 0xff;
            if ((c & 0xc0) != 0x80) {
                return 0;
            }
            code = code << 6 | c & 0x3f;
        }
        boolean surrogate = code >= 0xd800 && code <= 0xdfff;
        return code >= min && code <= 0x10ffff && !surrogate ? length : 0;
    }
}
