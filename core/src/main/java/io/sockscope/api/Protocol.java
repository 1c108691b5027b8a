package io.sockscope.api;

/** The socket tables sockscope lists, with the Netid text ss prints for each. */
public enum Protocol {
    TCP("tcp", Family.INET),
    UDP("udp", Family.INET),
    RAW("raw", Family.INET),
    MPTCP("mptcp", Family.INET),
    DCCP("dccp", Family.INET),
    SCTP("sctp", Family.INET),
    UNIX_STREAM("u_str", Family.UNIX),
    UNIX_DGRAM("u_dgr", Family.UNIX),
    UNIX_SEQPACKET("u_seq", Family.UNIX),
    PACKET_RAW("p_raw", Family.PACKET),
    PACKET_DGRAM("p_dgr", Family.PACKET),
    NETLINK("nl", Family.NETLINK);

    private final String netid;
    private final Family family;

    Protocol(String netid, Family family) {
        this.netid = netid;
        this.family = family;
    }

    /** The Netid column text of ss ({@code tcp}, {@code u_str}, {@code nl}, …). */
    public String netid() {
        return netid;
    }

    /** Whether sockets of this table are internet sockets (IPv4 or IPv6). */
    public boolean isInet() {
        return family == Family.INET;
    }

    /** The address family of the table: {@link Family#INET} stands for IPv4 and IPv6 alike. */
    Family family() {
        return family;
    }
}
