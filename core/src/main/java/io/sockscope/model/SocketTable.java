package io.sockscope.model;

/**
 * The socket tables ss lists, in ss's internal numbering (which is also the bit of the table in a table
 * mask). The order of listing is a separate matter, see {@code ListingOrder} in the CLI.
 */
public enum SocketTable {
    TCP("tcp"),
    MPTCP("mptcp"),
    DCCP("dccp"),
    UDP("udp"),
    RAW("raw"),
    UNIX_DGRAM("u_dgr"),
    UNIX_STREAM("u_str"),
    UNIX_SEQPACKET("u_seq"),
    PACKET_DGRAM("p_dgr"),
    PACKET_RAW("p_raw"),
    NETLINK("nl"),
    SCTP("sctp"),
    VSOCK_STREAM("v_str"),
    VSOCK_DGRAM("v_dgr"),
    TIPC("tipc"),
    XDP("xdp");

    private final String netid;

    SocketTable(String netid) {
        this.netid = netid;
    }

    /** The Netid column text for sockets of this table. */
    public String netid() {
        return netid;
    }

    /** This table's bit in a table mask. */
    public int bit() {
        return 1 << ordinal();
    }

    /** Whether a mask contains this table. */
    public boolean in(int mask) {
        return (mask & bit()) != 0;
    }
}
