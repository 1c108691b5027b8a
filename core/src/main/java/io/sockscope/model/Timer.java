package io.sockscope.model;

/**
 * The timer pending on an inet socket ({@code idiag_timer} and {@code idiag_expires}, or the {@code tr} and
 * {@code tm->when} columns of {@code /proc/net/tcp}). The kernel's codes, which both sources share, become the
 * cases here once, in {@link #of}.
 */
public sealed interface Timer {
    /** No timer is pending (code 0). */
    Timer OFF = new Off();

    /** Milliseconds until the timer fires, an unsigned 32-bit value; 0 for {@link Off}. */
    long expiresMs();

    /**
     * The name ss gives this timer in {@code timer:(NAME,…)}: off, on, keepalive, timewait, persist, or unknown.
     * A name of the kind, as {@link TcpState#ssName()} is of the state: the listing prints it and the library's
     * entries carry it.
     */
    String ssName();

    /**
     * The timer a kernel code names.
     *
     * @param code      0 off, 1 retransmit, 2 keepalive, 3 time-wait, 4 zero-window probe; other codes are kept
     * @param expiresMs milliseconds until it fires
     */
    static Timer of(int code, long expiresMs) {
        return switch (code) {
            case 0 -> OFF;
            case 1 -> new Retransmit(expiresMs);
            case 2 -> new Keepalive(expiresMs);
            case 3 -> new TimeWait(expiresMs);
            case 4 -> new ZeroWindowProbe(expiresMs);
            default -> new Unknown(code, expiresMs);
        };
    }

    /** No timer. */
    record Off() implements Timer {
        @Override
        public long expiresMs() {
            return 0;
        }

        @Override
        public String ssName() {
            return "off";
        }
    }

    /** The retransmission timer (also SCTP's T3-rtx). */
    record Retransmit(long expiresMs) implements Timer {
        @Override
        public String ssName() {
            return "on";
        }
    }

    /** The keepalive timer. */
    record Keepalive(long expiresMs) implements Timer {
        @Override
        public String ssName() {
            return "keepalive";
        }
    }

    /** A TIME-WAIT socket's lifetime. */
    record TimeWait(long expiresMs) implements Timer {
        @Override
        public String ssName() {
            return "timewait";
        }
    }

    /** The zero-window probe (persist) timer. */
    record ZeroWindowProbe(long expiresMs) implements Timer {
        @Override
        public String ssName() {
            return "persist";
        }
    }

    /** A code this version does not know. */
    record Unknown(int code, long expiresMs) implements Timer {
        @Override
        public String ssName() {
            return "unknown";
        }
    }
}
