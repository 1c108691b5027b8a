package io.sockscope.api;

/** The socket tables sockscope lists, with the Netid text ss prints for each. */
public enum Protocol {
    /** TCP. */
    TCP("tcp", Family.INET),
    /** UDP. */
    UDP("udp", Family.INET),
    /** Raw IP sockets. */
    RAW("raw", Family.INET),
    /** Multipath TCP. */
    MPTCP("mptcp", Family.INET),
    /** DCCP. */
    DCCP("dccp", Family.INET),
    /** SCTP. */
    SCTP("sctp", Family.INET),
    /** Unix stream sockets ({@code SOCK_STREAM}). */
    UNIX_STREAM("u_str", Family.UNIX),
    /** Unix datagram sockets ({@code SOCK_DGRAM}). */
    UNIX_DGRAM("u_dgr", Family.UNIX),
    /** Unix sequenced-packet sockets ({@code SOCK_SEQPACKET}). */
    UNIX_SEQPACKET("u_seq", Family.UNIX),
    /** Packet sockets with link-layer headers ({@code SOCK_RAW}). */
    PACKET_RAW("p_raw", Family.PACKET),
    /** Packet sockets without link-layer headers ({@code SOCK_DGRAM}). */
    PACKET_DGRAM("p_dgr", Family.PACKET),
    /** Netlink sockets. */
    NETLINK("nl", Family.NETLINK);

    private final String netid;
    private final Family family;

    Protocol(String netid, Family family) {
        this.netid = netid;
        this.family = family;
    }

    /** {@return the Netid column text of ss ({@code tcp}, {@code u_str}, {@code nl}, …)} */
    public String netid() {
        return netid;
    }

    /** {@return whether sockets of this table are internet sockets (IPv4 or IPv6)} */
    public boolean isInet() {
        return family == Family.INET;
    }

    /** The address family of the table: {@link Family#INET} stands for IPv4 and IPv6 alike. */
    Family family() {
        return family;
    }
}
