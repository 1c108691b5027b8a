package io.sockscope.api;

import java.util.Set;

/**
 * A TCP, UDP, raw, MPTCP, DCCP or SCTP socket.
 *
 * @param protocol     the table
 * @param family       {@link Family#INET} or {@link Family#INET6}
 * @param state        the state
 * @param recvQueue    bytes (or, listening, connections) waiting to be read
 * @param sendQueue    bytes waiting to be sent (or, listening, the backlog)
 * @param local        the local end
 * @param peer         the remote end (the wildcard address and port 0 when not connected)
 * @param v6only       for IPv6 sockets, whether {@code IPV6_V6ONLY} is set; null for IPv4 sockets and when the
 *                     kernel did not say
 * @param inode        the inode, 0 for TIME-WAIT and SYN-RECV entries
 * @param uid          the owning user id
 * @param cookie       the kernel's socket cookie as ss prints it after {@code sk:} (hexadecimal), or null when
 *                     the source has none (a {@code /proc/net} line)
 * @param timer        the pending timer, or null when none is running
 * @param shutdown     which directions were shut down ({@code shutdown(2)}), or null when the kernel did not say
 * @param mark         the socket's firewall mark ({@code SO_MARK}), 0 for none
 * @param cgroupId     the cgroup v2 id, 0 when unknown
 * @param cgroupPath   the cgroup v2 path, or null when unknown or not asked for
 * @param tos          the IPv4 type of service byte ({@code IP_TOS}), or null unless asked for (ss {@code --tos})
 * @param trafficClass the IPv6 traffic class ({@code IPV6_TCLASS}), or null unless asked for
 * @param congestion   the congestion control algorithm ({@code cubic}, {@code bbr}…), or null unless TCP details
 *                     were asked for
 * @param tcpInfo      the kernel's {@code tcp_info}, or null unless asked for (and for other protocols)
 * @param memory       the socket memory, or null unless asked for
 * @param owners       the holding processes
 * @param options      the inet socket options that are set, of those the kernel reports as bits (ss
 *                     {@code --inet-sockopt}), unmodifiable; null unless asked for
 *                     ({@link SocketQuery.Builder#withInetSocketOptions()}), and for TIME-WAIT and SYN-RECV
 *                     entries and sockets read from {@code /proc/net}, of which the kernel does not say
 */
public record InetSocketEntry(
        Protocol protocol,
        Family family,
        SocketState state,
        long recvQueue,
        long sendQueue,
        Endpoint local,
        Endpoint peer,
        Boolean v6only,
        long inode,
        long uid,
        String cookie,
        Timer timer,
        Shutdown shutdown,
        long mark,
        long cgroupId,
        String cgroupPath,
        Integer tos,
        Integer trafficClass,
        String congestion,
        TcpInfo tcpInfo,
        SocketMemory memory,
        Owners owners,
        Set<InetSocketOption> options) implements SocketEntry {
}
