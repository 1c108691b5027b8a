package io.sockscope.live;

import io.sockscope.model.InetEndpoint;
import io.sockscope.model.InetSocket;
import io.sockscope.model.LimitsProvider;
import io.sockscope.model.Owner;
import io.sockscope.model.ProcessName;
import io.sockscope.model.SocketRecord;
import io.sockscope.model.SocketTable;
import io.sockscope.model.TcpState;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongFunction;

/**
 * The numbers behind {@code top}: each refresh's dump aggregated per process and per listening port
 * ({@link TopSnapshot}), with the CLOSE-WAIT trend of each row over the last refreshes. Fed model values only:
 * the dump, the owners of each inode, the processes' descriptor limits.
 *
 * <p>Between refreshes it keeps the trend's samples of the rows the last refresh saw and nothing else, so memory
 * follows the live processes and ports, not the time watched. Not thread-safe.
 */
public final class TopModel {
    /** A listening port: one row of the port view. */
    private record PortKey(SocketTable table, int port) {
    }

    private static final class ProcessTally {
        final ProcessName command;
        final StateCounts.Tally states = new StateCounts.Tally();

        ProcessTally(ProcessName command) {
            this.command = command;
        }
    }

    private static final class PortTally {
        final List<InetEndpoint> addresses = new ArrayList<>();
        final StateCounts.Tally connections = new StateCounts.Tally();
        Owner owner;
        long acceptQueue;
        long backlog;
    }

    private final CloseWaitTrend<Integer> processTrends = new CloseWaitTrend<>();
    private final CloseWaitTrend<PortKey> portTrends = new CloseWaitTrend<>();

    /**
     * Aggregates the dump read at {@code nowMillis}. {@code sockets} is iterated twice (listeners first, so that
     * connections find their port); {@code owners} gives the processes holding an inode (empty for none), and
     * {@code limits} each process's descriptors.
     */
    public TopSnapshot refresh(long nowMillis, Iterable<? extends SocketRecord> sockets,
                               LongFunction<List<Owner>> owners, LimitsProvider limits) {
        Map<Integer, ProcessTally> processes = new LinkedHashMap<>();
        Map<PortKey, PortTally> ports = new LinkedHashMap<>();
        int total = 0;
        int unowned = 0;
        for (SocketRecord socket : sockets) {
            total++;
            List<Owner> held = socket.inode() == 0 ? List.of() : owners.apply(socket.inode());
            if (held.isEmpty()) {
                unowned++;
            }
            Set<Integer> counted = new HashSet<>();
            for (Owner o : held) {
                // One socket held through several descriptors of a process counts once for it.
                if (counted.add(o.pid())) {
                    processes.computeIfAbsent(o.pid(), pid -> new ProcessTally(o.command())).states.add(socket.state());
                }
            }
            if (socket instanceof InetSocket inet && inet.state() == TcpState.LISTEN.code()) {
                PortTally port = ports.computeIfAbsent(new PortKey(inet.table(), inet.local().port()),
                        k -> new PortTally());
                if (!port.addresses.contains(inet.local())) {
                    port.addresses.add(inet.local());
                }
                if (port.owner == null && !held.isEmpty()) {
                    port.owner = held.getFirst();
                }
                port.acceptQueue += inet.recvQ();
                port.backlog += inet.sendQ();
            }
        }
        if (!ports.isEmpty()) {
            for (SocketRecord socket : sockets) {
                if (socket instanceof InetSocket inet && inet.state() != TcpState.LISTEN.code()) {
                    PortTally port = ports.get(new PortKey(inet.table(), inet.local().port()));
                    if (port != null) {
                        port.connections.add(inet.state());
                    }
                }
            }
        }
        return new TopSnapshot(nowMillis, total, unowned, processRows(nowMillis, processes, limits),
                portRows(nowMillis, ports));
    }

    private List<ProcessRow> processRows(long nowMillis, Map<Integer, ProcessTally> processes,
                                         LimitsProvider limits) {
        List<ProcessRow> rows = new ArrayList<>(processes.size());
        for (Map.Entry<Integer, ProcessTally> e : processes.entrySet()) {
            int pid = e.getKey();
            StateCounts states = e.getValue().states.build();
            double trend = processTrends.record(pid, nowMillis, states.count(TcpState.CLOSE_WAIT));
            rows.add(new ProcessRow(pid, e.getValue().command, states, trend, limits.limits(pid).orElse(null)));
        }
        processTrends.retainOnly(processes.keySet());
        return rows;
    }

    private List<PortRow> portRows(long nowMillis, Map<PortKey, PortTally> ports) {
        List<PortRow> rows = new ArrayList<>(ports.size());
        for (Map.Entry<PortKey, PortTally> e : ports.entrySet()) {
            PortKey key = e.getKey();
            PortTally port = e.getValue();
            StateCounts connections = port.connections.build();
            double trend = portTrends.record(key, nowMillis, connections.count(TcpState.CLOSE_WAIT));
            rows.add(new PortRow(key.table(), key.port(), port.addresses, port.owner, port.acceptQueue,
                    port.backlog, connections, trend));
        }
        portTrends.retainOnly(ports.keySet());
        return rows;
    }
}
