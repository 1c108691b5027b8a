package io.sockscope.model;

/**
 * A socket's memory figures, the {@code __u32 [SK_MEMINFO_VARS]} array that inet ({@code INET_DIAG_SKMEMINFO}),
 * unix, packet and netlink replies carry (ss {@code -m}: {@code skmem:(…)}). Older kernels send fewer entries:
 * {@link #count()} says how many came, and the missing ones read as zero.
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
 * @param count      how many {@code __u32} entries the kernel sent
 */
public record SocketMemory(
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

    private static final int BACKLOG_ENTRY = 7;
    private static final int DROPS_ENTRY = 8;

    /** Whether the kernel sent the backlog entry (ss prints {@code bl} only then). */
    public boolean hasBacklog() {
        return count > BACKLOG_ENTRY;
    }

    /** Whether the kernel sent the drops entry (ss prints {@code d} only then). */
    public boolean hasDrops() {
        return count > DROPS_ENTRY;
    }
}
