package io.sockscope.export;

import io.sockscope.model.InetSocket;
import io.sockscope.model.LimitsProvider;
import io.sockscope.model.Owner;
import io.sockscope.model.ProcessLimits;
import io.sockscope.model.SocketRecord;
import io.sockscope.model.SocketTable;
import io.sockscope.model.TcpState;
import io.sockscope.names.AddressText;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.function.LongUnaryOperator;

/**
 * Turns one dump into a {@link MetricsSnapshot}: sockets counted by place, table and state; listening addresses
 * with their scope and owner; accept queues; and per socket owner its sockets, its CLOSE-WAIT sockets and the
 * oldest one's age, and its descriptors against its limit, for the processes holding the most sockets (the rest
 * summed as {@code other}). Between snapshots it keeps the CLOSE-WAIT sockets' first sightings and the
 * truncation counts, nothing else.
 *
 * <p>Not thread-safe: one snapshot at a time (the exporter takes them one at a time anyway).
 */
public final class MetricsModel {
    private static final int LISTEN = TcpState.LISTEN.code();
    private static final int UNCONNECTED = TcpState.CLOSE.code();
    private static final int CLOSE_WAIT = TcpState.CLOSE_WAIT.code();
    private static final int[] NO_PIDS = new int[0];
    private static final Comparator<SeriesPlace> BY_PLACE = Comparator.comparing(SeriesPlace::netns)
            .thenComparing(SeriesPlace::container).thenComparing(SeriesPlace::pod).thenComparing(SeriesPlace::unit);

    private final SeriesCaps caps;
    private final CloseWaitClock closeWaitClock = new CloseWaitClock();
    private MetricsSnapshot.TruncatedSeries truncated = MetricsSnapshot.TruncatedSeries.NONE;

    public MetricsModel(SeriesCaps caps) {
        this.caps = Objects.requireNonNull(caps, "caps");
    }

    /**
     * The series of a dump read at {@code nowMillis}, all at once: {@link #begin}, every socket
     * {@linkplain Tally#add added}, {@linkplain Tally#finish finished}.
     *
     * @param sockets   the dump
     * @param owners    the processes holding an inode, in ss's order; empty for none
     * @param limits    a process's descriptors against its limit (read for the processes kept only)
     * @param places    where each socket is, or null for a dump of one namespace (no place labels)
     * @param closeWaitIdleMillis a CLOSE-WAIT socket's time since it last received an ACK, by cookie; negative
     *                  when unknown
     */
    public MetricsSnapshot snapshot(long nowMillis, Iterable<? extends SocketRecord> sockets,
                                    LongFunction<List<Owner>> owners, LimitsProvider limits,
                                    Function<SocketRecord, SeriesPlace> places, LongUnaryOperator closeWaitIdleMillis) {
        Tally tally = begin(nowMillis, owners);
        for (SocketRecord socket : sockets) {
            tally.add(socket, places == null ? SeriesPlace.NONE : places.apply(socket));
        }
        return tally.finish(limits, places != null, closeWaitIdleMillis);
    }

    /**
     * Starts the snapshot of a dump read at {@code nowMillis}, whose sockets are then added as the dump streams:
     * only the counts are kept (and the few CLOSE-WAIT sockets, until their ages are known), never the dump.
     *
     * @param owners the processes holding an inode, in ss's order; empty for none
     */
    public Tally begin(long nowMillis, LongFunction<List<Owner>> owners) {
        return new Tally(nowMillis, owners);
    }

    /** One snapshot being taken: the counts so far. Used by one thread, once. */
    public final class Tally {
        private final long nowMillis;
        private final LongFunction<List<Owner>> owners;
        private final Map<SocketCountKey, long[]> counts = new HashMap<>();
        private final Map<ListenerSeries, Boolean> listeners = new HashMap<>();
        private final Map<QueueKey, long[]> queues = new HashMap<>();
        private final Map<QueuedKey, long[]> queued = new HashMap<>();
        private final Map<Integer, ProcessTally> processes = new HashMap<>();
        private final List<CloseWaitHeld> closeWaits = new ArrayList<>();

        private Tally(long nowMillis, LongFunction<List<Owner>> owners) {
            this.nowMillis = nowMillis;
            this.owners = Objects.requireNonNull(owners, "owners");
        }

        /** Counts {@code socket}, found at {@code place} ({@link SeriesPlace#NONE} for a dump of one namespace). */
        public void add(SocketRecord socket, SeriesPlace place) {
            int state = socket.state();
            // Codes ss does not know all count as unknown, one series.
            counts.computeIfAbsent(new SocketCountKey(place, socket.table(), TcpState.ofCode(state)),
                    k -> new long[1])[0]++;
            List<Owner> held = socket.inode() == 0 ? List.of() : owners.apply(socket.inode());
            int[] pids = tallyOwners(processes, held, state);
            if (state == CLOSE_WAIT && socket instanceof InetSocket inet && inet.cookie() != 0 && pids.length > 0) {
                closeWaits.add(new CloseWaitHeld(inet.cookie(), pids));
            }
            if (socket instanceof InetSocket inet && state != LISTEN) {
                long[] q = queued.computeIfAbsent(new QueuedKey(place, inet.table()), k -> new long[2]);
                q[0] += inet.recvQ();
                q[1] += inet.sendQ();
            }
            if (socket instanceof InetSocket inet && isListening(inet)) {
                String address = AddressText.text(inet.local().address());
                String process = held.isEmpty() ? "" : held.getFirst().command().text();
                listeners.put(new ListenerSeries(place, inet.table().netid(), AddressScope.of(inet.local()), address,
                        inet.local().port(), process), Boolean.TRUE);
                if (state == LISTEN) {
                    long[] q = queues.computeIfAbsent(new QueueKey(place, inet.table(), address, inet.local().port()),
                            k -> new long[2]);
                    q[0] += inet.recvQ();
                    q[1] += inet.sendQ();
                }
            }
        }

        /** Whether a CLOSE-WAIT socket with an owner was added: then its age is worth a {@code tcp_info} look. */
        public boolean sawCloseWait() {
            return !closeWaits.isEmpty();
        }

        /**
         * The snapshot.
         *
         * @param limits              a process's descriptors against its limit (read for the processes kept only)
         * @param placed              whether the sockets were placed (every namespace read): the series get place labels
         * @param closeWaitIdleMillis a CLOSE-WAIT socket's time since it last received an ACK, by cookie; negative
         *                            when unknown
         */
        public MetricsSnapshot finish(LimitsProvider limits, boolean placed, LongUnaryOperator closeWaitIdleMillis) {
            for (CloseWaitHeld c : closeWaits) {
                double seconds = closeWaitClock.ageMillis(c.cookie(), nowMillis,
                        closeWaitIdleMillis.applyAsLong(c.cookie())) / 1000.0;
                for (int pid : c.pids()) {
                    ProcessTally t = processes.get(pid);
                    t.oldestCloseWait = Math.max(t.oldestCloseWait, seconds);
                }
            }
            closeWaitClock.endSnapshot();
            List<ListenerSeries> listenerSeries = capped(listeners.keySet().stream().sorted(Comparator
                    .comparingInt(ListenerSeries::port).thenComparing(ListenerSeries::netid)
                    .thenComparing(ListenerSeries::address).thenComparing(ListenerSeries::process)
                    .thenComparing(ListenerSeries::place, BY_PLACE)).toList(), caps.listeners());
            List<ListenQueue> queueSeries = capped(queues.entrySet().stream()
                    .map(e -> new ListenQueue(e.getKey().place(), e.getKey().table().netid(), e.getKey().address(),
                            e.getKey().port(), e.getValue()[0], e.getValue()[1]))
                    .sorted(Comparator.comparingInt(ListenQueue::port).thenComparing(ListenQueue::netid)
                            .thenComparing(ListenQueue::address).thenComparing(ListenQueue::place, BY_PLACE))
                    .toList(), caps.listeners());
            List<ProcessSeries> processSeries = processSeries(processes, limits);
            long foldedProcesses = Math.max(0, processes.size() - caps.processes());
            truncated = truncated.plus(foldedProcesses, listeners.size() - listenerSeries.size(),
                    queues.size() - queueSeries.size());
            List<QueuedBytes> queuedBytes = queued.entrySet().stream()
                    .sorted(Comparator.<Map.Entry<QueuedKey, long[]>, SeriesPlace>comparing(e -> e.getKey().place(),
                            BY_PLACE).thenComparingInt(e -> e.getKey().table().ordinal()))
                    .map(e -> new QueuedBytes(e.getKey().place(), e.getKey().table().netid(), e.getValue()[0],
                            e.getValue()[1]))
                    .toList();
            return new MetricsSnapshot(nowMillis, placed, socketCounts(counts), listenerSeries, queueSeries,
                    queuedBytes, processSeries, truncated, 0);
        }
    }

    /** Whether ss's {@code -l} lists it: a listening TCP (MPTCP, SCTP, DCCP) socket, or a bound unconnected UDP one. */
    private static boolean isListening(InetSocket inet) {
        if (inet.state() == LISTEN) {
            return true;
        }
        return inet.table() == SocketTable.UDP && inet.state() == UNCONNECTED && inet.local().port() != 0;
    }

    /** Counts the socket once for each process holding it; returns those processes. */
    private static int[] tallyOwners(Map<Integer, ProcessTally> processes, List<Owner> held, int state) {
        if (held.isEmpty()) {
            return NO_PIDS;
        }
        int[] pids = new int[held.size()];
        int n = 0;
        for (int i = 0; i < held.size(); i++) {
            Owner o = held.get(i);
            // One socket held through several descriptors of a process counts once for it.
            if (heldEarlier(held, i, o.pid())) {
                continue;
            }
            pids[n++] = o.pid();
            ProcessTally tally = processes.computeIfAbsent(o.pid(), pid -> new ProcessTally(o.command().text()));
            tally.sockets++;
            if (state == CLOSE_WAIT) {
                tally.closeWait++;
            }
        }
        return n == pids.length ? pids : Arrays.copyOf(pids, n);
    }

    private static boolean heldEarlier(List<Owner> held, int index, int pid) {
        for (int j = 0; j < index; j++) {
            if (held.get(j).pid() == pid) {
                return true;
            }
        }
        return false;
    }

    private List<ProcessSeries> processSeries(Map<Integer, ProcessTally> processes, LimitsProvider limits) {
        List<Map.Entry<Integer, ProcessTally>> ranked = new ArrayList<>(processes.entrySet());
        ranked.sort(Comparator.<Map.Entry<Integer, ProcessTally>>comparingLong(e -> -e.getValue().sockets)
                .thenComparingInt(Map.Entry::getKey));
        List<ProcessSeries> rows = new ArrayList<>(Math.min(ranked.size(), caps.processes()) + 1);
        ProcessTally other = null;
        for (int i = 0; i < ranked.size(); i++) {
            int pid = ranked.get(i).getKey();
            ProcessTally t = ranked.get(i).getValue();
            if (i < caps.processes()) {
                Optional<ProcessLimits> limit = limits.limits(pid);
                rows.add(new ProcessSeries(t.command, Integer.toString(pid), t.sockets, t.closeWait,
                        t.oldestCloseWait, limit.map(ProcessLimits::openDescriptors).orElse(-1L),
                        limit.map(ProcessLimits::softLimit).orElse(-1L)));
                continue;
            }
            // The rest are summed without reading their limits: a host of 10,000 processes costs no more reads.
            if (other == null) {
                other = new ProcessTally(ProcessSeries.OTHER);
            }
            other.sockets += t.sockets;
            other.closeWait += t.closeWait;
            other.oldestCloseWait = Math.max(other.oldestCloseWait, t.oldestCloseWait);
        }
        if (other != null) {
            rows.add(new ProcessSeries(ProcessSeries.OTHER, "", other.sockets, other.closeWait,
                    other.oldestCloseWait, -1, -1));
        }
        return rows;
    }

    private static List<SocketCount> socketCounts(Map<SocketCountKey, long[]> counts) {
        return counts.entrySet().stream()
                .sorted(Comparator.<Map.Entry<SocketCountKey, long[]>, SeriesPlace>comparing(e -> e.getKey().place(),
                                BY_PLACE)
                        .thenComparingInt(e -> e.getKey().table().ordinal())
                        .thenComparingInt(e -> e.getKey().state().code()))
                .map(e -> new SocketCount(e.getKey().place(), e.getKey().table().netid(),
                        e.getKey().state().longName(), e.getValue()[0]))
                .toList();
    }

    private static <T> List<T> capped(List<T> sorted, int cap) {
        return sorted.size() <= cap ? sorted : sorted.subList(0, cap);
    }

    private record SocketCountKey(SeriesPlace place, SocketTable table, TcpState state) {
    }

    private record QueueKey(SeriesPlace place, SocketTable table, String address, int port) {
    }

    private record QueuedKey(SeriesPlace place, SocketTable table) {
    }

    /** A CLOSE-WAIT socket and the processes holding it, until its age is known. */
    private record CloseWaitHeld(long cookie, int[] pids) {
    }

    private static final class ProcessTally {
        final String command;
        long sockets;
        long closeWait;
        double oldestCloseWait;

        ProcessTally(String command) {
            this.command = command;
        }
    }
}
