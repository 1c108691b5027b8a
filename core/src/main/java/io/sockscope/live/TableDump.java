package io.sockscope.live;

import io.sockscope.model.SocketRecord;

import java.util.List;

/**
 * Reads the whole socket table the watch follows, once per call: the query engine's dump in the command,
 * a script in tests.
 *
 * @param <X> what a failed dump throws
 */
@FunctionalInterface
public interface TableDump<X extends Exception> {
    /** The sockets there now. */
    List<SocketRecord> read() throws X;
}
