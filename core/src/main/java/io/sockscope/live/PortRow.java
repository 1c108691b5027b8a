package io.sockscope.live;

import io.sockscope.model.InetEndpoint;
import io.sockscope.model.Owner;
import io.sockscope.model.SocketTable;
import io.sockscope.model.TcpState;

import java.util.List;

/**
 * One listening port in {@code top}: its listeners' accept queue against their backlog, and the connections
 * on that port (the local port of what they accepted) by state, with how fast the CLOSE-WAIT ones grow.
 * Listeners of one table on one port (0.0.0.0 and [::], or several with SO_REUSEPORT) make one row.
 *
 * @param table              the listeners' table
 * @param port               the local port
 * @param addresses          the listeners' local endpoints, in dump order, each once
 * @param owner              the first process found holding a listener, or null when none is known
 * @param acceptQueue        connections waiting to be accepted (a listener's Recv-Q), summed
 * @param backlog            the most that may wait (a listener's Send-Q, the backlog listen() got), summed
 * @param connections        the sockets on the port that are not listening, by state
 * @param closeWaitPerMinute the change of their CLOSE-WAIT count per minute over the last refreshes, NaN before
 *                           a second refresh has seen the port
 */
public record PortRow(SocketTable table, int port, List<InetEndpoint> addresses, Owner owner, long acceptQueue,
                      long backlog, StateCounts connections, double closeWaitPerMinute) {
    public PortRow {
        addresses = List.copyOf(addresses);
    }

    /** The accept queue as a share of the backlog, NaN when there is no backlog to compare with. */
    public double acceptFill() {
        return backlog > 0 ? (double) acceptQueue / backlog : Double.NaN;
    }

    /** Its connections in CLOSE-WAIT. */
    public int closeWait() {
        return connections.count(TcpState.CLOSE_WAIT);
    }
}
