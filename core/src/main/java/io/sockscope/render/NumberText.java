package io.sockscope.render;

/**
 * Appends the floating-point and bandwidth texts ss prints ({@code %g}, {@code %.1f}, and its
 * {@code sprint_bw}) to a table field, through one reusable buffer. Serves one thread.
 */
final class NumberText {
    private final FloatText floats = new FloatText();
    // %.0f of the largest double has 309 digits.
    private final byte[] buffer = new byte[512];

    /** {@code %g}. */
    void g(SsTable table, double v) {
        table.bytes(buffer, 0, floats.g(v, 6, buffer));
    }

    /** {@code %.{precision}g}. */
    void g(SsTable table, double v, int precision) {
        table.bytes(buffer, 0, floats.g(v, precision, buffer));
    }

    /** {@code %.{decimals}f}. */
    void fixed(SsTable table, double v, int decimals) {
        table.bytes(buffer, 0, floats.fixed(v, decimals, buffer));
    }

    /**
     * A rate in bits per second as ss's {@code sprint_bw} writes it: the exact integer with {@code -n}, else three
     * significant digits with a k, M, G or T suffix from 1000 up, plain {@code %g} below.
     */
    void bandwidth(SsTable table, double bitsPerSecond, boolean numeric) {
        if (numeric) {
            fixed(table, bitsPerSecond, 0);
        } else if (bitsPerSecond >= 1e12) {
            g(table, bitsPerSecond / 1e12, 3);
            table.character('T');
        } else if (bitsPerSecond >= 1e9) {
            g(table, bitsPerSecond / 1e9, 3);
            table.character('G');
        } else if (bitsPerSecond >= 1e6) {
            g(table, bitsPerSecond / 1e6, 3);
            table.character('M');
        } else if (bitsPerSecond >= 1e3) {
            g(table, bitsPerSecond / 1e3, 3);
            table.character('k');
        } else {
            g(table, bitsPerSecond);
        }
    }

    /** An unsigned 64-bit value converted to the nearest double, as C converts {@code unsigned long long}. */
    static double unsignedToDouble(long v) {
        if (v >= 0) {
            return v;
        }
        // Halve (keeping the lost bit sticky so rounding stays correct), convert, double.
        return ((double) ((v >>> 1) | (v & 1))) * 2.0;
    }
}
