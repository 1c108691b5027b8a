package io.sockscope.model;

/**
 * A TCP, UDP, raw (or MPTCP, DCCP, SCTP) socket: {@code struct inet_diag_msg} plus the attributes the
 * listing needs, or one line of {@code /proc/net/{tcp,udp,raw}{,6}}.
 *
 * @param table          the table it was listed from
 * @param family         {@link AddressFamily#INET} or {@link AddressFamily#INET6}
 * @param state          kernel state code ({@link TcpState})
 * @param recvQ          {@code idiag_rqueue}
 * @param sendQ          {@code idiag_wqueue}
 * @param local          source address and port
 * @param peer           destination address and port
 * @param ifindex        bound device ({@code idiag_if}), 0 for none
 * @param inode          socket inode, 0 for time-wait and request sockets
 * @param uid            owning uid
 * @param cookie         the kernel's socket cookie ({@code idiag_cookie} as one 64-bit value)
 * @param timer          the pending timer ({@code idiag_timer}, {@code idiag_expires}), {@link Timer#OFF} for none
 * @param retransmits    {@code idiag_retrans} (or probes, from /proc, for non-retransmit timers)
 * @param v6only         {@code INET_DIAG_SKV6ONLY}: 0 or 1, or -1 when the kernel did not say
 * @param shutdown       {@code INET_DIAG_SHUTDOWN} mask (1 = no more receives, 2 = no more sends), or -1
 * @param mark           {@code INET_DIAG_MARK}, 0 when absent
 * @param cgroupId       {@code INET_DIAG_CGROUP_ID}, 0 when absent
 * @param protocol       {@code INET_DIAG_PROTOCOL}, or -1 when absent
 * @param details        what the reply's other attributes say (tcp_info, memory, congestion control…), decoded
 *                       once by the codec, or {@code null} when nothing asked for them or the socket came from
 *                       /proc
 * @param procExtras     what a {@code /proc/net} line adds (TCP metrics, trailing text), or {@code null} for a
 *                       socket that came from sock_diag
 */
public record InetSocket(
        SocketTable table,
        int family,
        int state,
        long recvQ,
        long sendQ,
        InetEndpoint local,
        InetEndpoint peer,
        int ifindex,
        long inode,
        int uid,
        long cookie,
        Timer timer,
        int retransmits,
        int v6only,
        int shutdown,
        int mark,
        long cgroupId,
        int protocol,
        InetDetails details,
        ProcNetExtras procExtras) implements SocketRecord {
}
