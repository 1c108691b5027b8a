package io.sockscope.live;

import java.io.IOException;

/** Where a {@link WatchLoop} tells what it sees; the command writes it out. */
public interface WatchSink {
    /** A socket opened, changed state or closed. */
    void event(SocketEvent event) throws IOException;

    /** A leak detector found a leak (after the dump whose events came just before). */
    void leak(Leak leak) throws IOException;

    /**
     * Events were lost at {@code atMillis} and the table is being read again: what changed meanwhile comes from
     * the next dump's comparison, without its exact moments.
     */
    void resync(long atMillis) throws IOException;

    /** A dump and what it told, or one destroy event, has been handed on: a reader should see it now. */
    void flush() throws IOException;
}
