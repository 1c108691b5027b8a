package io.sockscope.model;

/**
 * What a line of {@code /proc/net/{tcp,udp,raw}{,6}} says beyond the fields every source reports, already
 * converted the way ss converts it. Its presence on an {@link InetSocket} also records that the socket came
 * from such a line rather than from sock_diag, which changes what ss prints for it: no cgroup, v6-only or
 * shutdown marks, the TCP metrics inline instead of tcp_info, and nothing extended at all for UDP and raw.
 *
 * @param rto               TCP retransmission timeout in seconds ({@code rto} ticks over USER_HZ), 0 when it is
 *                          the initial 3 s or the line has no such column
 * @param ato               TCP delayed-ack timeout in seconds ({@code ato} ticks over USER_HZ)
 * @param quickAck          the quick-ack column halved, as ss halves it
 * @param congestionWindow  the {@code snd_cwnd} column (2 when the line stops before it, as ss assumes)
 * @param slowStartThreshold the {@code ssthresh} column, 0 for none (the kernel's -1)
 * @param options           whatever followed the known TCP columns (ss shows it as {@code opt:"…"}), or null;
 *                          never modified
 */
public record ProcNetExtras(
        double rto,
        double ato,
        int quickAck,
        long congestionWindow,
        int slowStartThreshold,
        byte[] options) {

    /** The extras of a UDP or raw line: nothing but the fact that it came from /proc. */
    public static final ProcNetExtras DATAGRAM = new ProcNetExtras(0, 0, 0, 0, 0, null);
}
