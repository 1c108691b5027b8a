package io.sockscope.diagnose;

/**
 * Where counts become findings.
 *
 * @param closeWaitLeak      CLOSE-WAIT sockets held by one owner (or on the port) that make a leak
 * @param manyTimeWait       TIME-WAIT sockets on the port worth mentioning
 * @param fdLimitFraction    open descriptors over the soft limit that count as near it
 * @param ephemeralFraction  connections to one destination over the ephemeral port range that count as low
 */
public record Thresholds(int closeWaitLeak, int manyTimeWait, double fdLimitFraction, double ephemeralFraction) {
    /** The defaults: 5 CLOSE-WAIT, 100 TIME-WAIT, 80 % of the descriptor limit, 80 % of the port range. */
    public static Thresholds defaults() {
        return new Thresholds(5, 100, 0.8, 0.8);
    }
}
