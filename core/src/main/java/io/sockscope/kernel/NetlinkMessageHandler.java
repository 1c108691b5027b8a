package io.sockscope.kernel;

import java.lang.foreign.MemorySegment;

/**
 * Receives the data messages of a dump, one at a time, in the order the kernel sent them. The payload is a
 * view into the receive buffer, valid only during the call: decode it, do not keep it.
 */
@FunctionalInterface
public interface NetlinkMessageHandler {
    /**
     * @param type    {@code nlmsg_type}
     * @param flags   {@code nlmsg_flags}
     * @param payload the bytes after the {@code nlmsghdr}
     */
    void onMessage(int type, int flags, MemorySegment payload);
}
