package io.sockscope.render;

/**
 * ss's timer texts: {@code timer:(NAME,TIME,RETRANS)} and the TIME itself ({@code print_ms_timer}), which
 * drops precision as the time grows: {@code 040ms}, {@code 3.600ms} (3 s 600 ms), {@code 12sec},
 * {@code 1min30sec}, {@code 119min}; a zero time prints nothing.
 */
public final class TimerText {
    private static final String[] NAMES = {"off", "on", "keepalive", "timewait", "persist", "unknown"};

    private TimerText() {
    }

    /** The name ss gives a TCP timer ({@code idiag_timer}): off, on, keepalive, timewait, persist, or unknown. */
    public static String name(int timer) {
        return NAMES[timer < 0 || timer > 4 ? 5 : timer];
    }

    /**
     * Appends {@code " timer:(name,time,retransmits)"} for an active timer, nothing for timer 0.
     *
     * @param timer       {@code idiag_timer}: 1 retransmit, 2 keepalive, 3 time-wait, 4 zero-window probe, above
     *                    that unknown
     * @param timeoutMs   milliseconds left, an unsigned 32-bit value
     * @param retransmits the count shown last
     */
    static void tcp(SsTable table, int timer, long timeoutMs, int retransmits) {
        if (timer == 0) {
            return;
        }
        table.text(" timer:(");
        table.text(name(timer));
        table.character(',');
        time(table, timeoutMs);
        table.character(',');
        table.decimal(retransmits);
        table.character(')');
    }

    /** SCTP's variant: always the T3 retransmission timer. */
    static void sctp(SsTable table, int timer, long timeoutMs, int retransmits) {
        if (timer == 0) {
            return;
        }
        table.text(" timer:(T3_RTX,");
        time(table, timeoutMs);
        table.character(',');
        table.decimal(retransmits);
        table.character(')');
    }

    /** Appends the time text of {@code timeoutMs} (taken as an unsigned 32-bit value). */
    static void time(SsTable table, long timeoutMs) {
        long timeout = timeoutMs & 0xffffffffL;
        long seconds = timeout / 1000;
        long minutes = seconds / 60;
        seconds %= 60;
        long millis = timeout % 1000;
        if (minutes != 0) {
            millis = 0;
            table.decimal(minutes);
            table.text("min");
            if (minutes > 9) {
                seconds = 0;
            }
        }
        if (seconds != 0) {
            if (seconds > 9) {
                millis = 0;
            }
            table.decimal(seconds);
            table.text(millis != 0 ? "." : "sec");
        }
        if (millis != 0) {
            table.decimalZeroPadded(millis, 3);
            table.text("ms");
        }
    }
}
