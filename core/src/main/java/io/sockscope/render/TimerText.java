package io.sockscope.render;

import io.sockscope.model.Timer;

/**
 * ss's timer texts: {@code timer:(NAME,TIME,RETRANS)} and the TIME itself ({@code print_ms_timer}), which
 * drops precision as the time grows: {@code 040ms}, {@code 3.600ms} (3 s 600 ms), {@code 12sec},
 * {@code 1min30sec}, {@code 119min}; a zero time prints nothing.
 */
public final class TimerText {
    /** The kernel's code for the delayed-ACK timer ({@code IDIAG_TIMER_DELACK}), which ss 7.1 names. */
    private static final int DELAYED_ACK = 5;

    private TimerText() {
    }

    /**
     * Appends {@code " timer:(name,time,retransmits)"} for an active timer, nothing for {@link Timer#OFF}.
     *
     * @param retransmits the count shown last
     * @param dialect     whose words: 7.1 names the delayed-ACK timer, 6.1 calls it unknown
     */
    static void tcp(SsTable table, Timer timer, int retransmits, SsDialect dialect) {
        if (timer instanceof Timer.Off) {
            return;
        }
        table.text(" timer:(");
        table.text(dialect.namesDelayedAckTimer() && timer instanceof Timer.Unknown u && u.code() == DELAYED_ACK
                ? "delack" : timer.ssName());
        table.character(',');
        time(table, timer.expiresMs(), dialect);
        table.character(',');
        table.decimal(retransmits);
        table.character(')');
    }

    /** SCTP's variant: always the T3 retransmission timer. */
    static void sctp(SsTable table, Timer timer, int retransmits, SsDialect dialect) {
        if (timer instanceof Timer.Off) {
            return;
        }
        table.text(" timer:(T3_RTX,");
        time(table, timer.expiresMs(), dialect);
        table.character(',');
        table.decimal(retransmits);
        table.character(')');
    }

    /**
     * Appends the time text of {@code timeoutMs} (taken as an unsigned 32-bit value); ss 6.11 and later end seconds
     * with milliseconds in {@code sec} ({@code 3.600sec}), where 6.1 wrote {@code 3.600ms}.
     */
    static void time(SsTable table, long timeoutMs, SsDialect dialect) {
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
            table.text(seconds != 0 && dialect.writesSecondsWithTheirMilliseconds() ? "sec" : "ms");
        }
    }
}
