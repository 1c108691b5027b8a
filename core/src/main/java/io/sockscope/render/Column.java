package io.sockscope.render;

/**
 * The columns of ss's table, in order, with their alignment, header and left delimiter. The last column has
 * no header and never holds text: it only marks the end of a row. Everything after the peer port (owners,
 * timers, details) goes into the "Process" column, as in ss.
 */
enum Column {
    NETID(Align.LEFT, "Netid", ""),
    STATE(Align.LEFT, "State", " "),
    RECV_Q(Align.LEFT, "Recv-Q", " "),
    SEND_Q(Align.LEFT, "Send-Q", " "),
    LOCAL_ADDRESS(Align.RIGHT, "Local Address:", " "),
    LOCAL_PORT(Align.LEFT, "Port", ""),
    PEER_ADDRESS(Align.RIGHT, "Peer Address:", " "),
    PEER_PORT(Align.LEFT, "Port", ""),
    PROCESS(Align.LEFT, "Process", ""),
    END(Align.LEFT, "", "");

    enum Align { LEFT, RIGHT }

    static final Column[] ALL = values();
    static final int COUNT = ALL.length;

    final Align align;
    final String header;
    final String leftDelimiter;

    Column(Align align, String header, String leftDelimiter) {
        this.align = align;
        this.header = header;
        this.leftDelimiter = leftDelimiter;
    }

    boolean isLast() {
        return ordinal() == COUNT - 1;
    }
}
