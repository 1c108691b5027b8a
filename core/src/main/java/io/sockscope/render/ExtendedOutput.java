package io.sockscope.render;

/**
 * What ss prints after the addresses and owners of each socket, option by option.
 *
 * @param timers      {@code -o}: TCP timers, and TCP option flags within {@code -i}
 * @param details     {@code -e}: uid, inode, cookie, mark, cgroup, v6-only, shutdown; unix file and pending
 *                    connections; packet version, rings and fanout; netlink kernel addresses and groups
 * @param memory      {@code -m}: socket memory
 * @param tcpInfo     {@code -i}: TCP (and MPTCP) internals
 * @param tos         {@code --tos}: TOS, traffic class and class id
 * @param cgroup      {@code --cgroup}: the socket's cgroup path
 * @param inetSockopt {@code --inet-sockopt}: the inet socket options that are single bits (recverr, freebind…)
 * @param bpf         {@code -b}: a packet socket's filter program
 * @param oneLine     {@code -O}: keep everything on the socket's line instead of continuing on an indented one
 */
public record ExtendedOutput(
        boolean timers,
        boolean details,
        boolean memory,
        boolean tcpInfo,
        boolean tos,
        boolean cgroup,
        boolean inetSockopt,
        boolean bpf,
        boolean oneLine) {

    /** Nothing beyond the columns. */
    public static final ExtendedOutput NONE = new ExtendedOutput(false, false, false, false, false, false, false,
            false, false);
}
