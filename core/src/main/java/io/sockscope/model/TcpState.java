package io.sockscope.model;

/**
 * Socket states as the kernel numbers them in {@code inet_diag_msg.idiag_state} (the TCP state machine,
 * reused by UDP, raw, unix, packet and netlink sockets), with the names {@code ss} prints and accepts.
 *
 * <p>State sets are {@code int} bit masks with bit {@code 1 << code}, the same encoding the kernel takes in
 * {@code idiag_states}, so a mask built here can be sent as is.
 */
public enum TcpState {
    UNKNOWN(0, "UNKNOWN", "unknown"),
    ESTABLISHED(1, "ESTAB", "established"),
    SYN_SENT(2, "SYN-SENT", "syn-sent"),
    SYN_RECV(3, "SYN-RECV", "syn-recv"),
    FIN_WAIT1(4, "FIN-WAIT-1", "fin-wait-1"),
    FIN_WAIT2(5, "FIN-WAIT-2", "fin-wait-2"),
    TIME_WAIT(6, "TIME-WAIT", "time-wait"),
    CLOSE(7, "UNCONN", "unconnected"),
    CLOSE_WAIT(8, "CLOSE-WAIT", "close-wait"),
    LAST_ACK(9, "LAST-ACK", "last-ack"),
    LISTEN(10, "LISTEN", "listening"),
    CLOSING(11, "CLOSING", "closing");

    /** Every state ss knows. */
    public static final int ALL = (1 << 12) - 1;
    /** ss's default for connection-oriented tables: everything but listening, closed, time-wait, syn-recv. */
    public static final int CONNECTED_DEFAULT =
            ALL & ~(bit(LISTEN) | bit(CLOSE) | bit(TIME_WAIT) | bit(SYN_RECV));

    private static final TcpState[] BY_CODE = values();

    private final int code;
    private final String ssName;
    private final String longName;

    TcpState(int code, String ssName, String longName) {
        this.code = code;
        this.ssName = ssName;
        this.longName = longName;
    }

    /** The kernel's number for this state. */
    public int code() {
        return code;
    }

    /** The column text ss prints, e.g. {@code ESTAB}, {@code UNCONN}. */
    public String ssName() {
        return ssName;
    }

    /** The lower-case name ss accepts after {@code state}, e.g. {@code established}. */
    public String longName() {
        return longName;
    }

    /** The mask bit of one state. */
    public static int bit(TcpState s) {
        return 1 << s.code;
    }

    /** The state for a kernel code; codes ss does not know map to {@link #UNKNOWN}. */
    public static TcpState ofCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : UNKNOWN;
    }
}
