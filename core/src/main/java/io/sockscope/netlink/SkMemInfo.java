package io.sockscope.netlink;

import io.sockscope.model.SocketMemory;

/**
 * The socket memory array ({@code __u32 [SK_MEMINFO_VARS]}, indexed by {@code SK_MEMINFO_*}, see
 * {@link SockDiag}) that inet ({@code INET_DIAG_SKMEMINFO}), unix ({@code UNIX_DIAG_MEMINFO}), packet
 * ({@code PACKET_DIAG_MEMINFO}) and netlink ({@code NETLINK_DIAG_MEMINFO}) replies carry. Older kernels send
 * fewer entries: the missing ones read as zero, and {@link SocketMemory#count()} says how many came.
 */
public final class SkMemInfo {
    private SkMemInfo() {
    }

    /** Decodes the current attribute's payload, of any length. */
    public static SocketMemory decode(AttributeCursor p) {
        return new SocketMemory(entry(p, SockDiag.SK_MEMINFO_RMEM_ALLOC), entry(p, SockDiag.SK_MEMINFO_RCVBUF),
                entry(p, SockDiag.SK_MEMINFO_WMEM_ALLOC), entry(p, SockDiag.SK_MEMINFO_SNDBUF),
                entry(p, SockDiag.SK_MEMINFO_FWD_ALLOC), entry(p, SockDiag.SK_MEMINFO_WMEM_QUEUED),
                entry(p, SockDiag.SK_MEMINFO_OPTMEM), entry(p, SockDiag.SK_MEMINFO_BACKLOG),
                entry(p, SockDiag.SK_MEMINFO_DROPS), p.payloadLength() / 4);
    }

    private static long entry(AttributeCursor p, int index) {
        return p.u32AsLongAt(4L * index);
    }
}
