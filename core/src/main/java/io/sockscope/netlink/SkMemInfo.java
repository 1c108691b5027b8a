package io.sockscope.netlink;

import java.lang.foreign.MemorySegment;

/**
 * The socket memory array ({@code __u32 [SK_MEMINFO_VARS]}, indexed by {@code SK_MEMINFO_*}, see
 * {@link SockDiag}) that inet ({@code INET_DIAG_SKMEMINFO}), unix ({@code UNIX_DIAG_MEMINFO}), packet
 * ({@code PACKET_DIAG_MEMINFO}) and netlink ({@code NETLINK_DIAG_MEMINFO}) replies carry. Older kernels send
 * fewer entries: {@link #count()} says how many came, and the missing ones read as zero.
 *
 * @param rmemAlloc  bytes allocated to the receive queue
 * @param rcvbuf     receive buffer size
 * @param wmemAlloc  bytes allocated to the send queue
 * @param sndbuf     send buffer size
 * @param fwdAlloc   memory reserved ahead of use
 * @param wmemQueued bytes queued for sending
 * @param optmem     option memory
 * @param backlog    backlog queue length (8th entry)
 * @param drops      packets dropped (9th entry)
 * @param count      how many {@code __u32} entries the payload held
 */
public record SkMemInfo(
        long rmemAlloc,
        long rcvbuf,
        long wmemAlloc,
        long sndbuf,
        long fwdAlloc,
        long wmemQueued,
        long optmem,
        long backlog,
        long drops,
        int count) {

    /** Decodes a payload of any length; entries past its end read as zero. */
    public static SkMemInfo decode(MemorySegment p) {
        return new SkMemInfo(entry(p, SockDiag.SK_MEMINFO_RMEM_ALLOC), entry(p, SockDiag.SK_MEMINFO_RCVBUF),
                entry(p, SockDiag.SK_MEMINFO_WMEM_ALLOC), entry(p, SockDiag.SK_MEMINFO_SNDBUF),
                entry(p, SockDiag.SK_MEMINFO_FWD_ALLOC), entry(p, SockDiag.SK_MEMINFO_WMEM_QUEUED),
                entry(p, SockDiag.SK_MEMINFO_OPTMEM), entry(p, SockDiag.SK_MEMINFO_BACKLOG),
                entry(p, SockDiag.SK_MEMINFO_DROPS), (int) Math.min(p.byteSize() / 4, Integer.MAX_VALUE));
    }

    /** Whether the payload went as far as entry {@code index}. */
    public boolean has(int index) {
        return count > index;
    }

    private static long entry(MemorySegment p, int index) {
        return Structs.u32(p, 4L * index);
    }
}
