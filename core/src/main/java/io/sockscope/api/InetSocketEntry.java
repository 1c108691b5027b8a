package io.sockscope.api;

import java.util.Set;

/**
 * A TCP, UDP, raw, MPTCP, DCCP or SCTP socket. For a listener, {@link #recvQueue()} counts connections waiting
 * to be accepted and {@link #sendQueue()} is the backlog.
 */
public sealed interface InetSocketEntry extends SocketEntry permits InetSocketEntryRecord {
    /** {@return {@link Family#INET} or {@link Family#INET6}} */
    Family family();

    /** {@return the local end} */
    Endpoint local();

    /** {@return the remote end: the wildcard address and port 0 when not connected} */
    Endpoint peer();

    /**
     * {@return for an IPv6 socket, whether {@code IPV6_V6ONLY} is set} Null for IPv4 sockets and when the
     * kernel did not say.
     */
    Boolean v6only();

    /** {@return the owning user id} */
    long uid();

    /**
     * {@return the kernel's socket cookie as ss prints it after {@code sk:} (hexadecimal)} Null when the source
     * has none (a {@code /proc/net} line).
     */
    String cookie();

    /** {@return the pending timer, or null when none is running} */
    Timer timer();

    /** {@return which directions were shut down ({@code shutdown(2)}), or null when the kernel did not say} */
    Shutdown shutdown();

    /** {@return the socket's firewall mark ({@code SO_MARK}), 0 for none} */
    long mark();

    /** {@return the cgroup v2 id, 0 when unknown} */
    long cgroupId();

    /** {@return the cgroup v2 path, or null when unknown or not asked for} */
    String cgroupPath();

    /** {@return the IPv4 type of service byte ({@code IP_TOS}), or null unless asked for (ss {@code --tos})} */
    Integer tos();

    /** {@return the IPv6 traffic class ({@code IPV6_TCLASS}), or null unless asked for (ss {@code --tos})} */
    Integer trafficClass();

    /**
     * {@return the congestion control algorithm ({@code cubic}, {@code bbr}…)} Null unless TCP details were
     * asked for ({@link SocketQuery.Builder#withTcpInfo()}).
     */
    String congestion();

    /** {@return the kernel's {@code tcp_info}, or null unless asked for (and for protocols other than TCP)} */
    TcpInfo tcpInfo();

    /** {@return the socket memory, or null unless asked for} */
    SocketMemory memory();

    /**
     * {@return the inet socket options that are set, of those the kernel reports as bits (ss
     * {@code --inet-sockopt}), unmodifiable} Null unless asked for
     * ({@link SocketQuery.Builder#withInetSocketOptions()}), and for TIME-WAIT and SYN-RECV entries and sockets
     * read from {@code /proc/net}, of which the kernel does not say.
     */
    Set<InetSocketOption> options();
}
