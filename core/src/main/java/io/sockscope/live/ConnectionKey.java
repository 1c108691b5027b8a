package io.sockscope.live;

import io.sockscope.model.InetEndpoint;
import io.sockscope.model.InetSocket;
import io.sockscope.model.SocketRecord;
import io.sockscope.model.SocketTable;

/**
 * An inet connection by its table and both endpoints. After the kernel destroys a TCP socket it may list the
 * connection's time-wait entry for a minute, under a cookie of its own when the socket had none yet; this key
 * lets {@link SocketTracker} know that entry for what remains of a connection it already closed.
 *
 * @param table the socket's table
 * @param local its local endpoint
 * @param peer  its peer
 */
record ConnectionKey(SocketTable table, InetEndpoint local, InetEndpoint peer) {
    /** The key of {@code socket}, or null for a socket that is not an inet one. */
    static ConnectionKey of(SocketRecord socket) {
        return socket instanceof InetSocket inet ? new ConnectionKey(inet.table(), inet.local(), inet.peer()) : null;
    }
}
