package io.sockscope.filter;

import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The C library's number conversions as ss's helpers use them ({@code strtol}, {@code strtoul},
 * {@code sscanf("%i")}), reproduced on Java strings so that every spelling ss accepts — {@code 0x1f},
 * {@code 017}, {@code +5}, {@code -0}, leading white space — is accepted here too, and nothing more.
 * Unsigned 64-bit values are carried in a {@code long}.
 */
final class CNumbers {

    /** The outcome of one {@code strtoul}/{@code strtol} call: the value, where it stopped, overflow. */
    record Conversion(long value, int end, boolean overflow) {
        boolean consumedNothing(int start) {
            return end == start;
        }
    }

    private CNumbers() {
    }

    /** {@code isspace} in the C locale. */
    static boolean isSpace(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }

    private static int digitValue(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'Z') {
            return c - 'A' + 10;
        }
        return 99;
    }

    /**
     * {@code strtoul(s + start, &end, base)} with glibc's rules: white space and one sign are skipped,
     * base 0 picks 16 for {@code 0x}, 8 for a leading {@code 0}, else 10; a minus negates modulo 2^64;
     * overflow yields all ones. When no digit is found, {@code end == start}.
     */
    static Conversion strtoul(String s, int start, int base) {
        Magnitude m = magnitude(s, start, base);
        if (m == null) {
            return new Conversion(0, start, false);
        }
        if (m.overflow) {
            return new Conversion(-1L, m.end, true);
        }
        return new Conversion(m.negative ? -m.value : m.value, m.end, false);
    }

    /** {@code strtol(s + start, &end, base)}: like {@link #strtoul} but saturating at the signed limits. */
    static Conversion strtol(String s, int start, int base) {
        Magnitude m = magnitude(s, start, base);
        if (m == null) {
            return new Conversion(0, start, false);
        }
        if (m.negative) {
            if (m.overflow || Long.compareUnsigned(m.value, Long.MIN_VALUE) > 0) {
                return new Conversion(Long.MIN_VALUE, m.end, true);
            }
            return new Conversion(-m.value, m.end, false);
        }
        if (m.overflow || m.value < 0) {
            return new Conversion(Long.MAX_VALUE, m.end, true);
        }
        return new Conversion(m.value, m.end, false);
    }

    private record Magnitude(long value, boolean negative, boolean overflow, int end) {
    }

    /** Reads sign and digits; null when there is no digit at all. */
    private static Magnitude magnitude(String s, int start, int base) {
        int i = start;
        int n = s.length();
        while (i < n && isSpace(s.charAt(i))) {
            i++;
        }
        boolean negative = false;
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        if (base == 0 || base == 16) {
            // "0x" counts as a prefix only when a hex digit follows; else the 0 alone is the number.
            if (i + 2 <= n && s.charAt(i) == '0' && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'X')
                    && i + 2 < n && digitValue(s.charAt(i + 2)) < 16) {
                i += 2;
                base = 16;
            } else if (base == 0) {
                base = (i < n && s.charAt(i) == '0') ? 8 : 10;
            }
        }
        int firstDigit = i;
        long value = 0;
        boolean overflow = false;
        while (i < n && digitValue(s.charAt(i)) < base) {
            int d = digitValue(s.charAt(i));
            long limit = Long.divideUnsigned(-1L, base);
            if (Long.compareUnsigned(value, limit) > 0
                    || (value == limit && d > Long.remainderUnsigned(-1L, base))) {
                overflow = true;
            } else {
                value = value * base + d;
            }
            i++;
        }
        if (i == firstDigit) {
            return null;
        }
        return new Magnitude(value, negative, overflow, i);
    }

    /** iproute2's {@code get_integer(&v, s, 0)}: a whole string that is an {@code int}. */
    static OptionalInt getInteger(String s) {
        OptionalLong l = getLong(s);
        if (l.isEmpty() || l.getAsLong() < Integer.MIN_VALUE || l.getAsLong() > Integer.MAX_VALUE) {
            return OptionalInt.empty();
        }
        return OptionalInt.of((int) l.getAsLong());
    }

    /** iproute2's {@code get_long(&v, s, 0)}: a whole string that is a {@code long}. */
    static OptionalLong getLong(String s) {
        if (s.isEmpty()) {
            return OptionalLong.empty();
        }
        Conversion c = strtol(s, 0, 0);
        if (c.consumedNothing(0) || c.end() != s.length() || c.overflow()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(c.value());
    }

    /** iproute2's {@code get_u32(&v, s, 0)}: a whole string whose value fits 32 unsigned bits. */
    static OptionalLong getU32(String s) {
        return getUnsignedAtMost(s, 0xFFFF_FFFFL);
    }

    /** iproute2's {@code get_u16(&v, s, 0)}. */
    static OptionalLong getU16(String s) {
        return getUnsignedAtMost(s, 0xFFFFL);
    }

    private static OptionalLong getUnsignedAtMost(String s, long max) {
        if (s.isEmpty()) {
            return OptionalLong.empty();
        }
        Conversion c = strtoul(s, 0, 0);
        if (c.consumedNothing(0) || c.end() != s.length() || c.overflow()) {
            return OptionalLong.empty();
        }
        if (Long.compareUnsigned(c.value(), max) > 0) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(c.value());
    }

    /**
     * iproute2's {@code get_unsigned(&v, s, 0)}: the value is stored into an {@code unsigned int}, so
     * anything larger is silently cut to its low 32 bits (as ss does for a prefix length).
     */
    static OptionalLong getUnsignedTruncated(String s) {
        if (s.isEmpty()) {
            return OptionalLong.empty();
        }
        Conversion c = strtoul(s, 0, 0);
        if (c.consumedNothing(0) || c.end() != s.length() || c.overflow()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(c.value() & 0xFFFF_FFFFL);
    }

    /**
     * One {@code sscanf} integer conversion ({@code %i} when {@code base} is 0, {@code %u} when 10) at
     * {@code start}: white space skipped, one sign, then the longest run of digits. A {@code 0x} with no hex
     * digit after it still converts as 0 (glibc consumes the {@code x}). The value is what C stores in a
     * 32-bit int: the {@code strtol}/{@code strtoul} result cut to 32 bits.
     *
     * @return the 32-bit value and the index after the conversion, or null when nothing converted
     */
    static ScanResult scanInt(String s, int start, int base) {
        int i = start;
        int n = s.length();
        while (i < n && isSpace(s.charAt(i))) {
            i++;
        }
        StringBuilder digits = new StringBuilder();
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            digits.append(s.charAt(i));
            i++;
        }
        int radix = base;
        if (i < n && s.charAt(i) == '0') {
            digits.append('0');
            i++;
            if (base == 0 && i < n && (s.charAt(i) == 'x' || s.charAt(i) == 'X')) {
                radix = 16;
                i++;
            } else if (base == 0) {
                radix = 8;
            }
        } else if (base == 0) {
            radix = 10;
        }
        while (i < n && digitValue(s.charAt(i)) < radix) {
            digits.append(s.charAt(i));
            i++;
        }
        String text = digits.toString();
        if (text.isEmpty() || text.equals("+") || text.equals("-")) {
            return null;
        }
        Conversion c = base == 10 ? strtoul(text, 0, 10) : strtol(text, 0, radix);
        return new ScanResult((int) c.value(), i);
    }

    /**
     * {@code sscanf(s, "%i/%i", &a, &b) == 2}: two conversions separated by exactly one '/' (anything after
     * the second number is ignored, as scanf ignores it).
     *
     * @return the two 32-bit values, or null
     */
    static int[] scanIntSlashInt(String s) {
        ScanResult first = scanInt(s, 0, 0);
        if (first == null || first.end() >= s.length() || s.charAt(first.end()) != '/') {
            return null;
        }
        ScanResult second = scanInt(s, first.end() + 1, 0);
        return second == null ? null : new int[] {first.value(), second.value()};
    }

    /** A value converted by {@link #scanInt} and the index just after it. */
    record ScanResult(int value, int end) {
    }
}
