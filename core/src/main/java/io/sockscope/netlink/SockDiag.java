package io.sockscope.netlink;

/**
 * Numbers shared by every sock_diag request ({@code <linux/sock_diag.h>}, {@code <linux/inet_diag.h>}):
 * the netlink protocol, the message types, the multicast groups of destroy events, and the
 * {@code SK_MEMINFO_*} indices of the memory array that inet, unix, packet and netlink replies all carry.
 */
public final class SockDiag {
    /** The netlink protocol of socket diagnostics. */
    public static final int NETLINK_SOCK_DIAG = 4;

    /** The request type for every family since Linux 3.3. */
    public static final int SOCK_DIAG_BY_FAMILY = 20;
    public static final int SOCK_DESTROY = 21;
    /** The original inet_diag request types, still answered for TCP. */
    public static final int TCPDIAG_GETSOCK = 18;
    public static final int DCCPDIAG_GETSOCK = 19;

    /**
     * The multicast groups ({@code SKNLGRP_*}) the kernel announces destroyed sockets to; a subscriber sets
     * bit {@code n - 1} of its {@code nl_groups} for group {@code n}.
     */
    public static final int SKNLGRP_INET_TCP_DESTROY = 1;
    public static final int SKNLGRP_INET_UDP_DESTROY = 2;
    public static final int SKNLGRP_INET6_TCP_DESTROY = 3;
    public static final int SKNLGRP_INET6_UDP_DESTROY = 4;

    /** Flags of a dump request as ss sets them ({@code NLM_F_ROOT | NLM_F_MATCH | NLM_F_REQUEST}). */
    public static final int DUMP_REQUEST_FLAGS = NetlinkHeader.NLM_F_DUMP | NetlinkHeader.NLM_F_REQUEST;

    public static final int SK_MEMINFO_RMEM_ALLOC = 0;
    public static final int SK_MEMINFO_RCVBUF = 1;
    public static final int SK_MEMINFO_WMEM_ALLOC = 2;
    public static final int SK_MEMINFO_SNDBUF = 3;
    public static final int SK_MEMINFO_FWD_ALLOC = 4;
    public static final int SK_MEMINFO_WMEM_QUEUED = 5;
    public static final int SK_MEMINFO_OPTMEM = 6;
    public static final int SK_MEMINFO_BACKLOG = 7;
    public static final int SK_MEMINFO_DROPS = 8;
    public static final int SK_MEMINFO_VARS = 9;

    /** Socket types ({@code SOCK_*}) as the diag messages report them. */
    public static final int SOCK_STREAM = 1;
    public static final int SOCK_DGRAM = 2;
    public static final int SOCK_RAW = 3;
    public static final int SOCK_SEQPACKET = 5;

    private SockDiag() {
    }
}
