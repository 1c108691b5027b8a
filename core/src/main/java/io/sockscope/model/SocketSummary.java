package io.sockscope.model;

/**
 * The kernel's socket counters behind {@code ss -s}: {@code /proc/net/sockstat}, {@code sockstat6} and the
 * {@code Tcp: CurrEstab} counter of {@code /proc/net/snmp}. Missing counters are 0.
 *
 * @param sockets         sockets in use, all families
 * @param tcpAllocated    TCP sockets allocated ({@code alloc})
 * @param tcpOrphans      orphaned TCP sockets
 * @param tcpTimeWait     TCP sockets in TIME-WAIT
 * @param tcp4InUse       IPv4 TCP sockets in the hash tables ({@code TCP: inuse})
 * @param tcp6InUse       IPv6 TCP sockets in the hash tables
 * @param tcpEstablished  {@code Tcp: CurrEstab}
 * @param udp4            IPv4 UDP sockets in use
 * @param udp6            IPv6 UDP sockets in use
 * @param raw4            IPv4 raw sockets in use
 * @param raw6            IPv6 raw sockets in use
 * @param frag4           IPv4 fragment queues
 * @param frag6           IPv6 fragment queues
 */
public record SocketSummary(
        int sockets,
        int tcpAllocated,
        int tcpOrphans,
        int tcpTimeWait,
        int tcp4InUse,
        int tcp6InUse,
        int tcpEstablished,
        int udp4,
        int udp6,
        int raw4,
        int raw6,
        int frag4,
        int frag6) {
}
