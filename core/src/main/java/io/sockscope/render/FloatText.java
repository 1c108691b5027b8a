package io.sockscope.render;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * The C library's {@code printf} conversions of a {@code double} that ss uses ({@code %g}, {@code %.3g},
 * {@code %.0f}, {@code %.1f}), digit for digit: glibc rounds the exact binary value of the double to the
 * requested digits, ties to even, so {@code %.3g} of 1.125 is {@code 1.12} and of 1.115 (really
 * 1.11499999…) is {@code 1.11}.
 *
 * <p>The usual case needs no allocation: the decimal scaling and the tie test are done exactly with fused
 * multiply-adds on doubles and longs. Values outside that range (beyond 2^51 after scaling, or scaled by more
 * than 10^22) go through {@link BigDecimal}, which is exact too. An instance holds scratch space and serves one
 * thread.
 */
final class FloatText {
    private static final double[] POW10 = new double[23];
    private static final long[] LONG_POW10 = new long[19];

    static {
        double d = 1;
        for (int i = 0; i < POW10.length; i++) {
            POW10[i] = d;
            d *= 10;
        }
        long l = 1;
        for (int i = 0; i < LONG_POW10.length; i++) {
            LONG_POW10[i] = l;
            l *= 10;
        }
    }

    private static final double EXACT_LIMIT = 0x1p51;

    private final byte[] digits = new byte[40];

    /** {@code %.{precision}g} of {@code v} into {@code out} from index 0; returns the length. */
    int g(double v, int precision, byte[] out) {
        int p = precision == 0 ? 1 : precision;
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return special(v, out);
        }
        int pos = 0;
        if (v < 0 || (v == 0 && 1 / v < 0)) {
            out[pos++] = '-';
            v = -v;
        }
        if (v == 0) {
            out[pos++] = '0';
            return pos;
        }
        int exponent = significantDigits(v, p);
        if (exponent == Integer.MIN_VALUE) {
            exponent = significantDigitsExactly(v, p);
        }
        int end = p;
        if (exponent < -4 || exponent >= p) {
            while (end > 1 && digits[end - 1] == '0') {
                end--;
            }
            out[pos++] = digits[0];
            if (end > 1) {
                out[pos++] = '.';
                for (int i = 1; i < end; i++) {
                    out[pos++] = digits[i];
                }
            }
            out[pos++] = 'e';
            out[pos++] = (byte) (exponent < 0 ? '-' : '+');
            int e = Math.abs(exponent);
            if (e >= 100) {
                out[pos++] = (byte) ('0' + e / 100);
            }
            out[pos++] = (byte) ('0' + (e / 10) % 10);
            out[pos++] = (byte) ('0' + e % 10);
            return pos;
        }
        // Fixed notation with p - 1 - exponent decimals; trailing zeros of the fraction go, then a bare point.
        int integerDigits = exponent + 1;
        while (end > Math.max(integerDigits, 0) && digits[end - 1] == '0') {
            end--;
        }
        if (integerDigits <= 0) {
            out[pos++] = '0';
            if (end > 0) {
                out[pos++] = '.';
                for (int i = integerDigits; i < 0; i++) {
                    out[pos++] = '0';
                }
                for (int i = 0; i < end; i++) {
                    out[pos++] = digits[i];
                }
            }
            return pos;
        }
        for (int i = 0; i < integerDigits; i++) {
            out[pos++] = digits[i];
        }
        if (end > integerDigits) {
            out[pos++] = '.';
            for (int i = integerDigits; i < end; i++) {
                out[pos++] = digits[i];
            }
        }
        return pos;
    }

    /** {@code %.{decimals}f} of {@code v} into {@code out} from index 0; returns the length. */
    int fixed(double v, int decimals, byte[] out) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return special(v, out);
        }
        int pos = 0;
        if (v < 0 || (v == 0 && 1 / v < 0)) {
            out[pos++] = '-';
            v = -v;
        }
        long scaled = decimals <= 22 ? roundScaled(v, decimals) : -1;
        String text = null;
        int length;
        if (scaled >= 0) {
            length = unsignedDigits(scaled, digits);
        } else {
            text = new BigDecimal(v).setScale(decimals, RoundingMode.HALF_EVEN).unscaledValue().toString();
            length = text.length();
            if (length > digits.length) {
                return pos + copyPlain(new BigDecimal(v).setScale(decimals, RoundingMode.HALF_EVEN), out, pos);
            }
            for (int i = 0; i < length; i++) {
                digits[i] = (byte) text.charAt(i);
            }
        }
        int integerDigits = length - decimals;
        if (integerDigits <= 0) {
            out[pos++] = '0';
        } else {
            for (int i = 0; i < integerDigits; i++) {
                out[pos++] = digits[i];
            }
        }
        if (decimals > 0) {
            out[pos++] = '.';
            for (int i = integerDigits; i < 0; i++) {
                out[pos++] = '0';
            }
            for (int i = Math.max(integerDigits, 0); i < length; i++) {
                out[pos++] = digits[i];
            }
        }
        return pos;
    }

    /**
     * Fills {@link #digits} with the {@code p} significant digits of {@code v} (positive, finite) and returns the
     * decimal exponent of the first, or {@code Integer.MIN_VALUE} when {@code v} is outside the exact fast range.
     */
    private int significantDigits(double v, int p) {
        if (p > 17) {
            return Integer.MIN_VALUE;
        }
        int exponent = (int) Math.floor(Math.log10(v));
        // log10 may be off by one next to a power of ten: settle 10^exponent <= v < 10^(exponent+1) exactly.
        if (Math.abs(exponent) > 21) {
            return Integer.MIN_VALUE;
        }
        if (compare(v, -exponent, 1) < 0) {
            exponent--;
        } else if (compare(v, -(exponent + 1), 1) >= 0) {
            exponent++;
        }
        int scale = p - 1 - exponent;
        if (Math.abs(scale) > 22) {
            return Integer.MIN_VALUE;
        }
        long c = roundScaled(v, scale);
        if (c < 0) {
            return Integer.MIN_VALUE;
        }
        if (c >= LONG_POW10[p]) {
            // Rounding carried into a new digit (9.9999996 -> 10.0000).
            c /= 10;
            exponent++;
        }
        long rest = c;
        for (int i = p - 1; i >= 0; i--) {
            digits[i] = (byte) ('0' + rest % 10);
            rest /= 10;
        }
        return exponent;
    }

    private int significantDigitsExactly(double v, int p) {
        BigDecimal rounded = new BigDecimal(v).round(new MathContext(p, RoundingMode.HALF_EVEN));
        String unscaled = rounded.unscaledValue().toString();
        int exponent = unscaled.length() - 1 - rounded.scale();
        for (int i = 0; i < p; i++) {
            digits[i] = (byte) (i < unscaled.length() ? unscaled.charAt(i) : '0');
        }
        return exponent;
    }

    /**
     * {@code v * 10^scale} rounded to an integer, ties to even, computed exactly; -1 when the result would not
     * stay below 2^51 or the power of ten is not exact in a double.
     */
    private static long roundScaled(double v, int scale) {
        if (Math.abs(scale) > 22) {
            return -1;
        }
        double power = POW10[Math.abs(scale)];
        double approximate = scale >= 0 ? v * power : v / power;
        if (!(approximate < EXACT_LIMIT)) {
            return -1;
        }
        long c = (long) approximate;
        while (c > 0 && compare(v, scale, c) < 0) {
            c--;
        }
        while (compare(v, scale, c + 1) >= 0) {
            c++;
        }
        int half = compare(v, scale, c + 0.5);
        if (half > 0 || (half == 0 && (c & 1) != 0)) {
            c++;
        }
        return c;
    }

    /**
     * The sign of {@code v * 10^scale - t}, exactly: a fused multiply-add rounds only once, after the exact
     * difference, and rounding never changes a sign. {@code t} must be a double without rounding (below 2^52).
     */
    private static int compare(double v, int scale, double t) {
        double power = POW10[Math.abs(scale)];
        double r = scale >= 0 ? Math.fma(v, power, -t) : -Math.fma(t, power, -v);
        return r > 0 ? 1 : r < 0 ? -1 : 0;
    }

    private static int unsignedDigits(long value, byte[] into) {
        int n = 0;
        long rest = value;
        do {
            n++;
            rest /= 10;
        } while (rest != 0);
        rest = value;
        for (int i = n - 1; i >= 0; i--) {
            into[i] = (byte) ('0' + rest % 10);
            rest /= 10;
        }
        return n;
    }

    private static int copyPlain(BigDecimal value, byte[] out, int pos) {
        String s = value.toPlainString();
        for (int i = 0; i < s.length(); i++) {
            out[pos + i] = (byte) s.charAt(i);
        }
        return s.length();
    }

    private static int special(double v, byte[] out) {
        String s = Double.isNaN(v) ? "nan" : v < 0 ? "-inf" : "inf";
        for (int i = 0; i < s.length(); i++) {
            out[i] = (byte) s.charAt(i);
        }
        return s.length();
    }
}
