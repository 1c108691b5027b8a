package io.sockscope.source;

/**
 * One kind of dump a {@link SocketSource} can perform. Unix and packet dumps cover all their tables at once
 * (the kernel returns every type); the request's table mask says which types to keep.
 */
public enum DumpKind {
    NETLINK,
    PACKET,
    UNIX,
    RAW,
    UDP,
    TCP,
    DCCP,
    SCTP,
    MPTCP
}
