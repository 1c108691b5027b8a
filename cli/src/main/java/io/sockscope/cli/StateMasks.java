package io.sockscope.cli;

import io.sockscope.model.TcpState;
import io.sockscope.render.SsDialect;

/**
 * The state sets of one ss release. 7.x knows two states past CLOSING: NEW_SYN_RECV (12, the kernel's request
 * sockets, which no word names) and BOUND_INACTIVE (13, TCP sockets bound but neither listening nor connected).
 * Its "all" holds both, and so does the set a plain listing asks for, which ss 7.x derives from "all": on
 * Linux 6.8 and later a plain {@code ss -t} lists bound sockets too (as UNCONN). sockscope asks the kernel with
 * the same masks and so gets what ss gets (Ss71DifferentialTest's zoo holds such sockets).
 *
 * @param all              every state ({@code -a}, {@code state all}, and what {@code exclude} starts from)
 * @param connectedDefault what a connection-oriented table lists by default
 */
record StateMasks(int all, int connectedDefault) {
    /** Bit 13: sockets bound but inactive, dumped by Linux 6.8 and later when asked. */
    static final int BOUND_INACTIVE = 1 << 13;
    /** Bit 12: the kernel's request sockets; ss 7.x refuses the word. */
    static final int NEW_SYN_RECV = 1 << 12;

    private static final StateMasks V6_1 = of(TcpState.ALL);
    private static final StateMasks V7_1 = of(TcpState.ALL | NEW_SYN_RECV | BOUND_INACTIVE);

    static StateMasks of(SsDialect dialect) {
        return dialect == SsDialect.V7_1 ? V7_1 : V6_1;
    }

    private static StateMasks of(int all) {
        int notConnected = TcpState.bit(TcpState.LISTEN) | TcpState.bit(TcpState.CLOSE)
                | TcpState.bit(TcpState.TIME_WAIT) | TcpState.bit(TcpState.SYN_RECV);
        return new StateMasks(all, all & ~notConnected);
    }
}
