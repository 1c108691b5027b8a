package io.sockscope.api;

/** Address families a query can be narrowed to, as ss's {@code -4}, {@code -6}, {@code -x}, {@code -0}, {@code -f}. */
public enum Family {
    /** IPv4 ({@code AF_INET}). */
    INET,
    /** IPv6 ({@code AF_INET6}). */
    INET6,
    /** Unix domain ({@code AF_UNIX}). */
    UNIX,
    /** Packet ({@code AF_PACKET}). */
    PACKET,
    /** Netlink ({@code AF_NETLINK}). */
    NETLINK
}
