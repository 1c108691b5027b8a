package io.sockscope.source;

import io.sockscope.model.SocketRecord;

/** Receives sockets one at a time, in the order the source produces them; nothing is buffered for it. */
@FunctionalInterface
public interface SocketSink {
    void accept(SocketRecord socket);
}
