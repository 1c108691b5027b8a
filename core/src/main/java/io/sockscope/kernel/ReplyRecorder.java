package io.sockscope.kernel;

import java.lang.foreign.MemorySegment;

/**
 * Receives the raw datagrams of a reply as they arrive, in order, headers and the final {@code NLMSG_DONE} or
 * {@code NLMSG_ERROR} included: what {@code ss -D} saves and a replay reads back. Each datagram is recorded
 * before its messages are delivered (or its error thrown). An attempt repeated because its first datagram
 * was flagged {@code NLM_F_DUMP_INTR} is not recorded. The segment is valid only during the call: copy what
 * you keep.
 */
@FunctionalInterface
public interface ReplyRecorder {
    void datagram(MemorySegment bytes);
}
