package io.sockscope.api;

/** The library's {@link SocketMemory}; package-private so that its shape can grow (docs/library.md, Compatibility). */
record SocketMemoryRecord(long rmemAlloc, long rcvbuf, long wmemAlloc, long sndbuf, long fwdAlloc,
                          long wmemQueued, long optmem, long backlog, long drops) implements SocketMemory {
}
