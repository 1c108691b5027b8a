package io.sockscope.source;

/**
 * A cursor over one line of bytes that converts numbers the way glibc's {@code sscanf} does for
 * {@code %x %d %u %llx} (leading white space skipped, an optional sign, an optional {@code 0x} for hex, an
 * optional maximum width), so that fields are read straight from the bytes with no String per field.
 * A conversion that finds no digits fails and leaves the cursor where the failing field begins, which is
 * where {@code sscanf} stops assigning.
 *
 * <p>Values wider than 64 bits saturate as {@code strtoul}/{@code strtol} do; callers narrow them the way
 * the C destination type would ({@code (int)} for an {@code int} or {@code unsigned int}).
 */
final class ProcNetScanner {
    private byte[] bytes;
    private int position;
    private int end;
    private long value;

    /** Points the scanner at {@code bytes[start..end)}. */
    ProcNetScanner reset(byte[] bytes, int start, int end) {
        this.bytes = bytes;
        this.position = start;
        this.end = end;
        return this;
    }

    /** The value of the last successful conversion. */
    long value() {
        return value;
    }

    int position() {
        return position;
    }

    /** Whether only white space remains. */
    boolean atEnd() {
        skipSpace();
        return position >= end;
    }

    /** {@code %x}: unlimited width. */
    boolean hex() {
        return number(16, Integer.MAX_VALUE, false);
    }

    /** {@code %Nx}: at most {@code width} characters, sign and prefix included. */
    boolean hex(int width) {
        return number(16, width, false);
    }

    /** {@code %d}. */
    boolean signedDecimal() {
        return number(10, Integer.MAX_VALUE, true);
    }

    /** {@code %u}. */
    boolean unsignedDecimal() {
        return number(10, Integer.MAX_VALUE, false);
    }

    /** A literal character in the format: matches that byte exactly (no white space is skipped). */
    boolean literal(char c) {
        if (position < end && bytes[position] == c) {
            position++;
            return true;
        }
        return false;
    }

    /** White space in the format: skips any amount, including none. */
    void skipSpace() {
        while (position < end && isSpace(bytes[position])) {
            position++;
        }
    }

    /**
     * {@code %s}: the run of non-space bytes, as {@code [from, to)} packed into the returned long
     * ({@code from << 32 | to}), or -1 when there is none.
     */
    long word() {
        skipSpace();
        int from = position;
        while (position < end && !isSpace(bytes[position])) {
            position++;
        }
        return position == from ? -1 : ((long) from << 32) | position;
    }

    private boolean number(int radix, int width, boolean signed) {
        skipSpace();
        int begin = position;
        int limit = (int) Math.min(end, (long) position + width);
        int p = position;
        boolean negative = false;
        if (p < limit && (bytes[p] == '-' || bytes[p] == '+')) {
            negative = bytes[p] == '-';
            p++;
        }
        long magnitude = 0;
        boolean overflow = false;
        int digits = 0;
        if (radix == 16 && p + 1 < limit && bytes[p] == '0' && (bytes[p + 1] == 'x' || bytes[p + 1] == 'X')) {
            // glibc takes the prefix even when no hex digit follows; its '0' is then the number.
            p += 2;
            digits = 1;
        }
        while (p < limit) {
            int d = digit(bytes[p], radix);
            if (d < 0) {
                break;
            }
            if (Long.compareUnsigned(magnitude, Long.divideUnsigned(-1L, radix)) > 0) {
                overflow = true;
            } else {
                long shifted = magnitude * radix;
                long next = shifted + d;
                overflow |= Long.compareUnsigned(next, shifted) < 0;
                magnitude = next;
            }
            digits++;
            p++;
        }
        if (digits == 0) {
            position = begin;
            return false;
        }
        position = p;
        value = signed ? signedResult(magnitude, negative, overflow) : unsignedResult(magnitude, negative, overflow);
        return true;
    }

    private static long unsignedResult(long magnitude, boolean negative, boolean overflow) {
        if (overflow) {
            return -1L;
        }
        return negative ? -magnitude : magnitude;
    }

    private static long signedResult(long magnitude, boolean negative, boolean overflow) {
        if (negative) {
            return overflow || Long.compareUnsigned(magnitude, Long.MIN_VALUE) > 0 ? Long.MIN_VALUE : -magnitude;
        }
        return overflow || magnitude < 0 ? Long.MAX_VALUE : magnitude;
    }

    static int digit(byte b, int radix) {
        int d;
        if (b >= '0' && b <= '9') {
            d = b - '0';
        } else if (b >= 'a' && b <= 'f') {
            d = b - 'a' + 10;
        } else if (b >= 'A' && b <= 'F') {
            d = b - 'A' + 10;
        } else {
            return -1;
        }
        return d < radix ? d : -1;
    }

    /** C's {@code isspace} in the C locale. */
    static boolean isSpace(byte b) {
        return b == ' ' || (b >= '\t' && b <= '\r');
    }
}
