package io.sockscope.api;

/**
 * A socket's memory, the kernel's {@code SK_MEMINFO_*} array (ss {@code -m}: {@code skmem:(r,rb,t,tb,f,w,o,bl,d)}).
 * Entries an older kernel does not send read as zero; those a newer kernel adds may become accessors in a later
 * version (docs/library.md, Compatibility). Made by the library only.
 */
public sealed interface SocketMemory permits SocketMemoryRecord {
    /** {@return the bytes allocated to the receive queue ({@code r})} */
    long rmemAlloc();

    /** {@return the receive buffer size ({@code rb})} */
    long rcvbuf();

    /** {@return the bytes allocated to the send queue ({@code t})} */
    long wmemAlloc();

    /** {@return the send buffer size ({@code tb})} */
    long sndbuf();

    /** {@return the memory reserved ahead of use ({@code f})} */
    long fwdAlloc();

    /** {@return the bytes queued for sending ({@code w})} */
    long wmemQueued();

    /** {@return the option memory ({@code o})} */
    long optmem();

    /** {@return the backlog queue length ({@code bl})} */
    long backlog();

    /** {@return the packets dropped ({@code d})} */
    long drops();
}
