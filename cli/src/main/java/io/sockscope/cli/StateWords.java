package io.sockscope.cli;

import io.sockscope.model.TcpState;
import io.sockscope.render.SsDialect;

import java.util.Locale;

/** The state names ss accepts after {@code state} and {@code exclude}, including its pseudo-states. */
final class StateWords {
    private StateWords() {
    }

    /**
     * The state mask a word stands for in {@code dialect} (case-insensitive, as in ss). 7.x adds
     * {@code bound-inactive}, its pseudo-states take in its two new states, and it refuses {@code new-syn-recv}.
     */
    static int parse(String word, SsDialect dialect) throws UsageException {
        String w = word.toLowerCase(Locale.ROOT);
        int all = StateMasks.of(dialect).all();
        if (dialect.hasNewerOptionsAndStates() && w.equals("bound-inactive")) {
            return StateMasks.BOUND_INACTIVE;
        }
        int close = TcpState.bit(TcpState.CLOSE);
        int listen = TcpState.bit(TcpState.LISTEN);
        switch (w) {
            case "close", "closed":
                return close;
            case "syn-rcv":
                return TcpState.bit(TcpState.SYN_RECV);
            case "all":
                return all;
            case "connected":
                return all & ~(close | listen);
            case "synchronized":
                return all & ~(close | listen | TcpState.bit(TcpState.SYN_SENT));
            case "bucket":
                return TcpState.bit(TcpState.SYN_RECV) | TcpState.bit(TcpState.TIME_WAIT);
            case "big":
                return all & ~(TcpState.bit(TcpState.SYN_RECV) | TcpState.bit(TcpState.TIME_WAIT));
            default:
                for (TcpState s : TcpState.values()) {
                    if (s.longName().equals(w)) {
                        return TcpState.bit(s);
                    }
                }
                throw new UsageException("wrong state name: " + word);
        }
    }
}
