package io.sockscope.differential;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Hides the numbers of a listing that change by themselves between two runs on a live zoo, so that the rest
 * can still be compared byte for byte: the time left on a timer and its retransmission count, the TCP times
 * ({@code rto rtt ato lastsnd lastrcv lastack busy rwnd_limited sndbuf_limited minrtt rcv_rtt}), rates
 * ({@code send pacing_rate delivery_rate}, BBR's {@code bw mrtt} and gains), and the counters a
 * retransmitting socket keeps raising ({@code backoff bytes_* segs_* data_segs_* delivered retrans}).
 *
 * <p>The times since the last send, receive and ack ({@code lastsnd lastrcv lastack}) are dropped whole, name
 * and all: ss prints each only when it is not zero, so one run may show a field the next one does not.
 *
 * <p>Otherwise only the number inside a named field is replaced (by {@code #}); the field names, their order, every other
 * field and the columns stay as they were. Because a masked number can change the width of the last column,
 * trailing blanks are dropped from every line too. Everything else, skmem of idle sockets included, is stable
 * in the zoo and left alone.
 */
final class LiveValueMask {
    private static final String NUMBER = "-?[0-9]+(?:\\.[0-9]+)?(?:e[+-][0-9]+)?[kMGT]?";
    private static final Pattern NAMED = Pattern.compile(
            "\\b(rto|backoff|rtt|ato|busy|rwnd_limited|sndbuf_limited|minrtt|rcv_rtt"
                    + "|bw|mrtt|pacing_gain|cwnd_gain|bytes_sent|bytes_retrans|bytes_acked|bytes_received"
                    + "|segs_out|segs_in|data_segs_out|data_segs_in|delivered|retrans)"
                    + ":" + NUMBER + "(/" + NUMBER + ")?(ms\\(" + NUMBER + "%\\))?");
    private static final Pattern SINCE_LAST = Pattern.compile(" (lastsnd|lastrcv|lastack):[0-9]+");
    private static final Pattern RATE = Pattern.compile(
            "\\b(send|pacing_rate|delivery_rate) " + NUMBER + "bps(/" + NUMBER + "bps)?");
    private static final Pattern TIMER = Pattern.compile("\\btimer:\\(([A-Za-z0-9_]+),[^,()]*,-?[0-9]+\\)");
    private static final Pattern TRAILING_BLANKS = Pattern.compile("[ \\t]+$");

    private LiveValueMask() {
    }

    /** The listing with live numbers replaced by {@code #} and trailing blanks dropped, line by line. */
    static String apply(String listing) {
        String masked = listing.lines()
                .map(LiveValueMask::line)
                .collect(Collectors.joining("\n"));
        return listing.endsWith("\n") ? masked + "\n" : masked;
    }

    private static String line(String line) {
        String s = SINCE_LAST.matcher(line).replaceAll("");
        s = replace(NAMED, s, m -> m.group(1) + ":#"
                + (m.group(2) != null ? "/#" : "")
                + (m.group(3) != null ? "ms(#%)" : ""));
        s = replace(RATE, s, m -> m.group(1) + " #bps" + (m.group(2) != null ? "/#bps" : ""));
        s = replace(TIMER, s, m -> "timer:(" + m.group(1) + ",#,#)");
        return TRAILING_BLANKS.matcher(s).replaceAll("");
    }

    private static String replace(Pattern p, String s, java.util.function.Function<Matcher, String> with) {
        Matcher m = p.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(with.apply(m)));
        }
        m.appendTail(out);
        return out.toString();
    }
}
