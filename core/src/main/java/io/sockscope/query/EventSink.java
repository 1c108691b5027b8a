package io.sockscope.query;

import io.sockscope.source.SocketSink;

/**
 * Receives the sockets the kernel destroys, as {@link QueryEngine#follow} hands them on: {@link #accept} for each
 * one the query keeps, then {@link #eventEnded} after every event received, kept or not (ss renders what it
 * buffered after each message, so its header comes out with the first event whether or not that row is shown).
 */
public interface EventSink extends SocketSink {
    /** One event has been dealt with; what was handed on should reach its reader now. */
    void eventEnded();

    /**
     * The kernel dropped events (its queue for us overflowed, {@code ENOBUFS}): some destroyed sockets will never
     * be handed on. Returns whether the sink recovers from that itself; if not, the engine warns.
     */
    default boolean eventsLost() {
        return false;
    }
}
