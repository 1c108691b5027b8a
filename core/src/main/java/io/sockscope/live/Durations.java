package io.sockscope.live;

import java.util.Locale;

/** A span of time as people say it in one word: {@code 45s}, {@code 12 min}, {@code 3.5 h}, {@code 2 days}. */
final class Durations {
    private Durations() {
    }

    static String text(long millis) {
        if (millis < 1000) {
            return millis + "ms";
        }
        long seconds = millis / 1000;
        if (seconds < 120) {
            return seconds + "s";
        }
        if (seconds < 120 * 60) {
            return Math.round(seconds / 60.0) + " min";
        }
        if (seconds < 48 * 3600) {
            return String.format(Locale.ROOT, "%.1f h", seconds / 3600.0);
        }
        return String.format(Locale.ROOT, "%.1f days", seconds / 86400.0);
    }
}
