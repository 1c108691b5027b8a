package io.sockscope.cli;

/** A duration typed on the command line: a number with {@code ms}, {@code s} or {@code m}; bare, seconds. */
final class DurationArgument {
    /** Beyond a day an interval is surely a typing mistake. */
    private static final long LONGEST_MILLIS = 86_400_000L;

    private DurationArgument() {
    }

    /** {@code text} in milliseconds, at least 1; {@code option} names it in the error. */
    static long millis(String option, String text) throws UsageException {
        String number = text;
        long unit = 1000;
        if (text.endsWith("ms")) {
            number = text.substring(0, text.length() - 2);
            unit = 1;
        } else if (text.endsWith("s")) {
            number = text.substring(0, text.length() - 1);
        } else if (text.endsWith("m")) {
            number = text.substring(0, text.length() - 1);
            unit = 60_000;
        }
        try {
            double value = Double.parseDouble(number);
            // Double.parseDouble takes "NaN", "1e3" and hex: only plain decimals are durations here.
            if (!number.matches("[0-9]+(\\.[0-9]+)?")) {
                throw new NumberFormatException(number);
            }
            long millis = Math.round(value * unit);
            if (millis >= 1 && millis <= LONGEST_MILLIS) {
                return millis;
            }
        } catch (NumberFormatException e) {
            // Said below, with what would have been right.
        }
        throw new UsageException(option + " takes a duration from 1ms to 24h, like 500ms, 1s or 2m, not \""
                + text + "\"", 1);
    }
}
