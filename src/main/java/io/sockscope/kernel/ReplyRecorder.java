package io.sockscope.kernel;

import java.lang.foreign.MemorySegment;

/**
 * Receives the raw datagrams of a dump reply, in order, headers and the final {@code NLMSG_DONE} or
 * {@code NLMSG_ERROR} included: what {@code ss -D} saves and a replay reads back. Only the attempt that was
 * delivered (or that failed) is recorded, not those retried after {@code NLM_F_DUMP_INTR}. The segment is valid
 * only during the call.
 */
@FunctionalInterface
public interface ReplyRecorder {
    void datagram(MemorySegment bytes);
}
