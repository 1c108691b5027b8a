package io.sockscope.live;

import io.sockscope.model.SocketRecord;

/**
 * What the thread following the kernel's destroy events hands to a {@link WatchLoop}: a socket destroyed, or
 * the news that the kernel dropped events (its receive queue overflowed, {@code ENOBUFS}) so that the table must
 * be read again.
 */
public sealed interface DestroyNotice permits DestroyNotice.Destroyed, DestroyNotice.EventsLost {
    /** When it was received, in milliseconds of the loop's clock. */
    long atMillis();

    /** The kernel destroyed {@code socket}. */
    record Destroyed(long atMillis, SocketRecord socket) implements DestroyNotice {
    }

    /** The kernel dropped destroy events: what was lost can only be learnt from a fresh dump. */
    record EventsLost(long atMillis) implements DestroyNotice {
    }
}
