package io.sockscope.junit;

/** What kind of socket a test left open, as the failure's Leak column and the JSON report's {@code kind} say. */
public enum LeakKind {
    /** A TCP (or SCTP, MPTCP, DCCP) socket in LISTEN: a server nobody stopped. */
    LISTENER("listener", "listener left open",
            "a server socket nobody closed: close it (try-with-resources) or stop the server in @AfterEach"),
    /** A connection this side opened, still open. */
    CLIENT_CONNECTION("client-connection", "client connection left open",
            "a connection the test opened and never closed: close the client, its channel or its pool"),
    /** A connection a listener of the same port accepted, still open while its peer is too. */
    ACCEPTED_CONNECTION("accepted-connection", "accepted connection left open",
            "a server accepted a connection and never closed it"),
    /** A connection the peer closed and this side never did: the socket waits in CLOSE-WAIT for a close(). */
    CLOSE_WAIT("close-wait", "CLOSE-WAIT: peer closed, never closed here",
            "a read saw the end of the stream and nobody closed the socket: its owner must close it then"),
    /** A UDP or raw socket. */
    DATAGRAM("datagram", "datagram socket left open", "a UDP or raw socket nobody closed"),
    /** A unix domain socket, of any type and state. */
    UNIX("unix", "unix socket left open", "a unix domain socket nobody closed"),
    /**
     * Any other socket: a TCP socket never connected, a packet or netlink socket, or one the kernel's tables of this
     * network namespace did not list.
     */
    OTHER("other", "socket left open", "a socket nobody closed");

    private final String jsonName;
    private final String summary;
    private final String advice;

    LeakKind(String jsonName, String summary, String advice) {
        this.jsonName = jsonName;
        this.summary = summary;
        this.advice = advice;
    }

    /** {@return the name in the JSON report ({@code close-wait}, …)} */
    public String jsonName() {
        return jsonName;
    }

    /** {@return the words of the failure's Leak column} */
    public String summary() {
        return summary;
    }

    /** {@return what such a leak usually means, in a sentence, for the failure's legend} */
    public String advice() {
        return advice;
    }
}
