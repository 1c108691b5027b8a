package io.sockscope.api;

/**
 * A socket's memory, the kernel's {@code SK_MEMINFO_*} array (ss {@code -m}: {@code skmem:(r,rb,t,tb,f,w,o,bl,d)}).
 * Entries an older kernel does not send read as zero.
 *
 * @param rmemAlloc  bytes allocated to the receive queue ({@code r})
 * @param rcvbuf     receive buffer size ({@code rb})
 * @param wmemAlloc  bytes allocated to the send queue ({@code t})
 * @param sndbuf     send buffer size ({@code tb})
 * @param fwdAlloc   memory reserved ahead of use ({@code f})
 * @param wmemQueued bytes queued for sending ({@code w})
 * @param optmem     option memory ({@code o})
 * @param backlog    backlog queue length ({@code bl})
 * @param drops      packets dropped ({@code d})
 */
public record SocketMemory(long rmemAlloc, long rcvbuf, long wmemAlloc, long sndbuf, long fwdAlloc,
                           long wmemQueued, long optmem, long backlog, long drops) {
}
