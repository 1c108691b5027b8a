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

    /**
     * The same message as the payload's bytes in a heap copy of its datagram, valid only during the call:
     * what a dump delivers. The default hands a view of them to {@link #onMessage(int, int, MemorySegment)};
     * handlers of long dumps read the array instead, which saves a view per message and reads faster.
     *
     * @param buffer a copy of the datagram
     * @param offset where the payload starts in {@code buffer}
     * @param length the payload's length
     */
    default void onMessage(int type, int flags, byte[] buffer, int offset, int length) {
        onMessage(type, flags, MemorySegment.ofArray(buffer).asSlice(offset, length));
    }
}
