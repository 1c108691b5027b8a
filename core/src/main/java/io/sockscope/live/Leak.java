package io.sockscope.live;

import io.sockscope.model.Owner;
import io.sockscope.model.ProcessLimits;

import java.util.List;
import java.util.Locale;

/**
 * What a leak detector ({@link LeakDetector}) found: who, a one-line explanation, and the sockets that show it.
 * The explanation leaves the process's name out (the writer adds it, escaped for where it goes).
 */
public sealed interface Leak permits Leak.CloseWait, Leak.DescriptorHeadroom, Leak.AcceptQueueFull {
    /** When it was found, in milliseconds of the watch's clock. */
    long atMillis();

    /** The process it is about; for a listener, its first holder, or null when none is known. */
    Owner process();

    /** The kind's name in the event stream: {@code close_wait}, {@code descriptors}, {@code accept_queue}. */
    String kind();

    /** What was found and why it matters, in one line. */
    String explanation();

    /** The sockets that show it, oldest in their state first, at most {@link LeakDetector#EVIDENCE_ROWS}. */
    List<LeakRow> evidence();

    /**
     * A process holds connections in CLOSE-WAIT: the peer closed, the process never did. Such sockets never
     * time out, and each holds a descriptor until the process calls close().
     *
     * @param count            its CLOSE-WAIT sockets now
     * @param overAge          how many of them have been in CLOSE-WAIT for at least the threshold
     * @param thresholdMillis  that threshold
     * @param rising           whether the count of lingering ones rose at each of the last dumps the rule looks at
     * @param growthPerMinute  how fast the count grew over the dumps remembered (0 or less: not growing)
     * @param limits           its descriptors and limit, or null when they could not be read
     * @param untilLimitMillis at that growth, the time until its descriptors reach the soft limit; -1 when unknown
     *                         or not growing
     */
    record CloseWait(long atMillis, Owner process, int count, int overAge, long thresholdMillis, boolean rising,
                     double growthPerMinute, ProcessLimits limits, long untilLimitMillis, List<LeakRow> evidence)
            implements Leak {
        public CloseWait {
            evidence = List.copyOf(evidence);
        }

        @Override
        public String kind() {
            return "close_wait";
        }

        @Override
        public String explanation() {
            StringBuilder b = new StringBuilder(160);
            b.append("holds ").append(count).append(count == 1 ? " connection" : " connections")
                    .append(" in CLOSE-WAIT");
            if (overAge > 0) {
                b.append(" (").append(overAge).append(" for over ").append(Durations.text(thresholdMillis))
                        .append(')');
            }
            b.append(growthPerMinute > 0
                    ? String.format(Locale.ROOT, ", rising by %.1f a minute", growthPerMinute) : ", not rising");
            if (limits != null && limits.softLimit() >= 0) {
                b.append("; ").append(limits.openDescriptors()).append(" of ").append(limits.softLimit())
                        .append(" descriptors open");
                if (untilLimitMillis >= 0) {
                    b.append(", the limit in about ").append(Durations.text(untilLimitMillis));
                }
            }
            return b.append(": the peers hung up and it never called close()").toString();
        }
    }

    /**
     * A process that owns sockets has used most of its soft {@code RLIMIT_NOFILE}: at the limit its accept() and
     * open() fail with EMFILE ("too many open files").
     *
     * @param percentThreshold the share of the limit that makes it a leak
     */
    record DescriptorHeadroom(long atMillis, Owner process, ProcessLimits limits, int percentThreshold,
                              List<LeakRow> evidence) implements Leak {
        public DescriptorHeadroom {
            evidence = List.copyOf(evidence);
        }

        @Override
        public String kind() {
            return "descriptors";
        }

        /** The share of the soft limit in use, in percent. */
        public long percentUsed() {
            return limits.softLimit() <= 0 ? 100 : limits.openDescriptors() * 100 / limits.softLimit();
        }

        @Override
        public String explanation() {
            return "has " + limits.openDescriptors() + " of " + limits.softLimit() + " descriptors open ("
                    + percentUsed() + "%, past " + percentThreshold + "%): at the limit accept() and open() fail"
                    + " with \"too many open files\"";
        }
    }

    /**
     * A listener's accept queue stayed nearly full: the process is not calling accept() as fast as connections
     * arrive, and once the queue is full the kernel drops new handshakes.
     *
     * @param queued  connections waiting to be accepted (Recv-Q)
     * @param backlog the queue's length (Send-Q, the listen() backlog as the kernel caps it)
     * @param looks   how many dumps in a row found it this full
     */
    record AcceptQueueFull(long atMillis, Owner process, long queued, long backlog, int percentThreshold, int looks,
                           List<LeakRow> evidence) implements Leak {
        public AcceptQueueFull {
            evidence = List.copyOf(evidence);
        }

        @Override
        public String kind() {
            return "accept_queue";
        }

        @Override
        public String explanation() {
            return "listener has " + queued + " of " + backlog + " connections waiting to be accepted (at or past "
                    + percentThreshold + "% at " + looks + " reads in a row): it is not calling accept() as fast as"
                    + " clients connect, and a full queue drops new handshakes";
        }
    }
}
