package io.sockscope.live;

import io.sockscope.model.Owner;
import io.sockscope.model.SocketRecord;

/**
 * A change in the socket table between two looks ({@link SocketTracker}): a socket opened, changed state, or
 * closed. Each carries the moment it was noticed, the socket as last seen, and its age then.
 */
public sealed interface SocketEvent permits SocketEvent.Opened, SocketEvent.StateChanged, SocketEvent.Closed {
    /** When the change was noticed, in milliseconds of the tracker's clock. */
    long atMillis();

    /**
     * The socket as the look that noticed the change saw it; for a close, as the dump that last saw it change state
     * saw it (its identity and state; its queues may be older).
     */
    SocketRecord socket();

    /** Its age when the change was noticed. */
    Age age();

    /**
     * The first process holding it, as the owner scan of the dump that noticed the change found it; for a close,
     * the last one any dump found. Null when none is known.
     */
    Owner owner();

    /** A socket that was not there before. */
    record Opened(long atMillis, SocketRecord socket, Age age, Owner owner) implements SocketEvent {
    }

    /** A socket whose state changed ({@code TcpState} codes). */
    record StateChanged(long atMillis, SocketRecord socket, int from, int to, Age age, Owner owner) implements SocketEvent {
    }

    /** A socket that is gone. */
    record Closed(long atMillis, SocketRecord socket, Age age, Owner owner) implements SocketEvent {
    }
}
