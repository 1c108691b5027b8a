package io.sockscope.procmap;

/**
 * Number parsing with the exact leniency of C {@code sscanf} as ss applies it to directory entries
 * ({@code "%d"}), to link targets ({@code "socket:[%u]"}) and to stat files: leading white space and a sign
 * are accepted, at least one digit is required, anything after the digits is ignored, and out-of-range
 * values saturate the way glibc's {@code strtol}/{@code strtoul} do before the cast to {@code int}.
 * Parsing stops at {@code end} or at a NUL byte. Working on bytes keeps the scan free of {@code String} allocation.
 */
final class ScanfNumbers {
    /** Returned when no number could be read. Outside every value the parsers produce. */
    static final long NO_NUMBER = Long.MIN_VALUE;

    private ScanfNumbers() {
    }

    /**
     * Reads {@code %d} from {@code text[from..end)}.
     *
     * @return the value as {@code int} (widened to long), or {@link #NO_NUMBER}
     */
    static long parseInt(byte[] text, int from, int end) {
        int i = skipSpace(text, from, end);
        boolean negative = false;
        int c = at(text, i, end);
        if (c == '-' || c == '+') {
            negative = c == '-';
            i++;
        }
        if (!isDigit(at(text, i, end))) {
            return NO_NUMBER;
        }
        int digits = i;
        while (isDigit(at(text, i, end))) {
            i++;
        }
        long value = 0;
        boolean overflow = false;
        for (int d = digits; d < i && !overflow; d++) {
            int digit = text[d] - '0';
            // Eighteen digits always fit in a long; only longer numbers need the check.
            if (d - digits >= 18 && value > (Long.MAX_VALUE - digit) / 10) {
                overflow = true;
            } else {
                value = value * 10 + digit;
            }
        }
        // strtol clamps to the long range; scanf then truncates to int.
        long asLong = overflow ? (negative ? Long.MIN_VALUE : Long.MAX_VALUE) : (negative ? -value : value);
        return (int) asLong;
    }

    /**
     * Reads {@code %u} from {@code text[from..end)}, as stored in an {@code unsigned int}.
     *
     * @return the value in 0..2^32-1, or {@link #NO_NUMBER}
     */
    static long parseUnsigned(byte[] text, int from, int end) {
        int i = skipSpace(text, from, end);
        boolean negative = false;
        int c = at(text, i, end);
        if (c == '-' || c == '+') {
            negative = c == '-';
            i++;
        }
        if (!isDigit(at(text, i, end))) {
            return NO_NUMBER;
        }
        int digits = i;
        while (isDigit(at(text, i, end))) {
            i++;
        }
        long value = 0; // unsigned 64-bit, like unsigned long
        boolean overflow = false;
        if (i - digits <= 19) {
            // Nineteen digits always fit in 64 unsigned bits: the common case needs no overflow checks.
            for (int d = digits; d < i; d++) {
                value = value * 10 + (text[d] - '0');
            }
        } else {
            for (int d = digits; d < i && !overflow; d++) {
                int digit = text[d] - '0';
                if (Long.compareUnsigned(value, Long.divideUnsigned(-1L - digit, 10)) > 0) {
                    overflow = true;
                } else {
                    value = value * 10 + digit;
                }
            }
        }
        // strtoul saturates at ULONG_MAX and negates a signed input modulo 2^64; scanf keeps the low 32 bits.
        long asUnsignedLong = overflow ? -1L : (negative ? -value : value);
        return asUnsignedLong & 0xFFFF_FFFFL;
    }

    /** Index of the first byte at or after {@code from} that is not C white space. */
    static int skipSpace(byte[] text, int from, int end) {
        int i = from;
        while (isSpace(at(text, i, end))) {
            i++;
        }
        return i;
    }

    static boolean isSpace(int c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    /** The byte at {@code index} as 0..255, or -1 at or past {@code end} (like a C string's NUL). */
    private static int at(byte[] text, int index, int end) {
        return index < end && text[index] != 0 ? text[index] & 0xFF : -1;
    }
}
