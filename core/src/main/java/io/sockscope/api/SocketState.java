package io.sockscope.api;

/**
 * Socket states in the kernel's numbering, with the text ss prints in its State column. Datagram, unix
 * (unconnected), packet and netlink sockets are {@link #UNCONNECTED} unless they are listening or connected.
 */
public enum SocketState {
    ESTABLISHED(1, "ESTAB"),
    SYN_SENT(2, "SYN-SENT"),
    SYN_RECV(3, "SYN-RECV"),
    FIN_WAIT_1(4, "FIN-WAIT-1"),
    FIN_WAIT_2(5, "FIN-WAIT-2"),
    TIME_WAIT(6, "TIME-WAIT"),
    /** The kernel's TCP_CLOSE, which ss prints as {@code UNCONN}. */
    UNCONNECTED(7, "UNCONN"),
    CLOSE_WAIT(8, "CLOSE-WAIT"),
    LAST_ACK(9, "LAST-ACK"),
    LISTEN(10, "LISTEN"),
    CLOSING(11, "CLOSING"),
    /** A state number this version does not know. */
    UNKNOWN(0, "UNKNOWN");

    private final int code;
    private final String ssName;

    SocketState(int code, String ssName) {
        this.code = code;
        this.ssName = ssName;
    }

    /** The kernel's number for the state ({@code TCP_ESTABLISHED} = 1, …). */
    public int code() {
        return code;
    }

    /** What ss prints in its State column. */
    public String ssName() {
        return ssName;
    }

    /** The state with the kernel's number {@code code}, or {@link #UNKNOWN}. */
    public static SocketState ofCode(int code) {
        for (SocketState s : values()) {
            if (s.code == code) {
                return s;
            }
        }
        return UNKNOWN;
    }
}
