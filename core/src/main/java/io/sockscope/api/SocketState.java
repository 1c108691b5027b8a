package io.sockscope.api;

/**
 * Socket states in the kernel's numbering, with the text ss prints in its State column. Datagram, unix
 * (unconnected), packet and netlink sockets are {@link #UNCONNECTED} unless they are listening or connected.
 */
public enum SocketState {
    /** {@code TCP_ESTABLISHED}: connected. */
    ESTABLISHED(1, "ESTAB"),
    /** {@code TCP_SYN_SENT}: a connection attempt, no answer yet. */
    SYN_SENT(2, "SYN-SENT"),
    /** {@code TCP_SYN_RECV}: a connection request answered, the handshake not yet complete. */
    SYN_RECV(3, "SYN-RECV"),
    /** {@code TCP_FIN_WAIT1}: closed here, the peer's acknowledgement awaited. */
    FIN_WAIT_1(4, "FIN-WAIT-1"),
    /** {@code TCP_FIN_WAIT2}: closed here and acknowledged, the peer's close awaited. */
    FIN_WAIT_2(5, "FIN-WAIT-2"),
    /** {@code TCP_TIME_WAIT}: closed both ways, held by the kernel for a while. */
    TIME_WAIT(6, "TIME-WAIT"),
    /** The kernel's TCP_CLOSE, which ss prints as {@code UNCONN}. */
    UNCONNECTED(7, "UNCONN"),
    /** {@code TCP_CLOSE_WAIT}: the peer closed, this side has not. */
    CLOSE_WAIT(8, "CLOSE-WAIT"),
    /** {@code TCP_LAST_ACK}: closed both ways, the last acknowledgement awaited. */
    LAST_ACK(9, "LAST-ACK"),
    /** {@code TCP_LISTEN}: listening. */
    LISTEN(10, "LISTEN"),
    /** {@code TCP_CLOSING}: both sides closed at once. */
    CLOSING(11, "CLOSING"),
    /** A state number this version does not know. */
    UNKNOWN(0, "UNKNOWN");

    private final int code;
    private final String ssName;

    SocketState(int code, String ssName) {
        this.code = code;
        this.ssName = ssName;
    }

    /** {@return the kernel's number for the state ({@code TCP_ESTABLISHED} = 1, …)} */
    public int code() {
        return code;
    }

    /** {@return what ss prints in its State column} */
    public String ssName() {
        return ssName;
    }

    /**
     * The state with a kernel number.
     *
     * @param code the kernel's number
     * @return its state, or {@link #UNKNOWN}
     */
    public static SocketState ofCode(int code) {
        for (SocketState s : values()) {
            if (s.code == code) {
                return s;
            }
        }
        return UNKNOWN;
    }
}
