package io.sockscope.live;

import io.sockscope.model.InetSocket;
import io.sockscope.model.LimitsProvider;
import io.sockscope.model.Owner;
import io.sockscope.model.ProcessLimits;
import io.sockscope.model.SocketTable;
import io.sockscope.model.TcpState;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToLongFunction;

/**
 * The leak detectors, run over the live sockets after each dump ({@link #look}):
 * <ul>
 * <li>CLOSE-WAIT: a process holding a socket that has been in CLOSE-WAIT for at least the threshold, or whose
 *     count of lingering CLOSE-WAIT sockets (in that state at two dumps in a row) keeps rising;</li>
 * <li>descriptors: a socket-owning process past a share of its soft {@code RLIMIT_NOFILE};</li>
 * <li>accept queue: a listener whose queue stays nearly full for several dumps.</li>
 * </ul>
 * TIME-WAIT is never a leak: it is how TCP ends a connection, and the kernel forgets it within a minute.
 *
 * <p>A leak is told when it is first found and again every {@link #REPEAT_MILLIS} while it lasts, with fresh
 * figures; one that ends is forgotten, and told anew if it comes back. Only processes and listeners seen in the
 * last dump are remembered. Not thread-safe.
 */
public final class LeakDetector {
    /** The most sockets a leak shows as evidence. */
    public static final int EVIDENCE_ROWS = 5;
    /** How often a lasting leak is told again. */
    public static final long REPEAT_MILLIS = 60_000;
    /** A rising CLOSE-WAIT count must have grown by at least this much over the dumps the rule looks at. */
    private static final int LEAST_RISE = 2;

    /**
     * What the last look saw besides leaks: every process holding a socket (by pid, as the owner scan named it) and
     * how many TIME-WAIT entries there were, which are normal.
     */
    public record Census(List<Owner> processes, int timeWait) {
        public Census {
            processes = List.copyOf(processes);
        }
    }

    /** A process's CLOSE-WAIT count at one dump. */
    private record CloseWaitSample(long atMillis, int count, int lingering) {
    }

    /** What one dump found of one process. */
    private static final class ProcessSockets {
        final Owner owner;
        final List<SocketTracker.Tracked> closeWait = new ArrayList<>();
        int lingering;
        int overAge;
        final Oldest oldest = new Oldest(t -> t.bornMillis);

        ProcessSockets(Owner owner) {
            this.owner = owner;
        }
    }

    private final LeakThresholds thresholds;
    private final LimitsProvider limits;
    private final Map<Integer, ArrayDeque<CloseWaitSample>> closeWaitHistory = new HashMap<>();
    private final Map<SocketKey, Integer> fullQueueStreaks = new HashMap<>();
    private final Map<String, Long> lastTold = new HashMap<>();
    private long previousLookMillis = Long.MIN_VALUE;
    private Census census = new Census(List.of(), 0);

    /** Detectors that read descriptor use and limits through {@code limits}; owners come from the tracker. */
    public LeakDetector(LeakThresholds thresholds, LimitsProvider limits) {
        this.thresholds = thresholds;
        this.limits = limits;
    }

    /** The thresholds in force. */
    public LeakThresholds thresholds() {
        return thresholds;
    }

    /** What the last look saw besides leaks. */
    public Census lastCensus() {
        return census;
    }

    /** Runs every detector over what {@code tracker} holds after the dump taken at {@code nowMillis}. */
    public List<Leak> look(long nowMillis, SocketTracker tracker) {
        Map<Integer, ProcessSockets> byProcess = new LinkedHashMap<>();
        Map<Integer, Owner> holders = new LinkedHashMap<>();
        int[] timeWait = {0};
        List<SocketTracker.Tracked> fullListeners = new ArrayList<>();
        Map<SocketKey, Integer> streaks = new HashMap<>();
        long previous = previousLookMillis;
        tracker.forEachLive(t -> {
            List<Owner> held = t.owners;
            for (Owner o : held) {
                holders.putIfAbsent(o.pid(), o);
            }
            ProcessSockets mine = held.isEmpty() ? null
                    : byProcess.computeIfAbsent(held.getFirst().pid(), pid -> new ProcessSockets(held.getFirst()));
            if (mine != null) {
                mine.oldest.offer(t);
            }
            if (!isTcp(t)) {
                return;
            }
            int state = t.last.state();
            timeWait[0] += state == TcpState.TIME_WAIT.code() ? 1 : 0;
            if (state == TcpState.CLOSE_WAIT.code() && mine != null) {
                mine.closeWait.add(t);
                mine.lingering += t.stateSinceMillis <= previous ? 1 : 0;
                mine.overAge += nowMillis - t.stateSinceMillis >= thresholds.closeWaitAgeMillis() ? 1 : 0;
            } else if (state == TcpState.LISTEN.code() && queueFull(t.last.recvQ(), t.last.sendQ())) {
                SocketKey key = SocketKey.of(t.last);
                int streak = fullQueueStreaks.getOrDefault(key, 0) + 1;
                streaks.put(key, streak);
                if (streak >= thresholds.acceptQueueLooks()) {
                    fullListeners.add(t);
                }
            }
        });
        fullQueueStreaks.clear();
        fullQueueStreaks.putAll(streaks);
        previousLookMillis = nowMillis;
        census = new Census(List.copyOf(holders.values()), timeWait[0]);

        Map<Integer, ProcessLimits> limitsOf = new HashMap<>();
        List<Leak> found = new ArrayList<>();
        Set<String> leaking = new LinkedHashSet<>();
        closeWaitHistory.keySet().retainAll(byProcess.keySet());
        for (ProcessSockets p : byProcess.values()) {
            Leak leak = closeWait(nowMillis, p, limitsOf);
            if (leak != null) {
                tell("close_wait:" + p.owner.pid(), leak, nowMillis, leaking, found);
            }
        }
        for (Owner holder : holders.values()) {
            int pid = holder.pid();
            ProcessLimits l = limitsOf.computeIfAbsent(pid, this::limitsOrNull);
            if (l != null && l.softLimit() > 0
                    && l.openDescriptors() * 100 >= (long) thresholds.descriptorPercent() * l.softLimit()) {
                ProcessSockets p = byProcess.get(pid);
                Owner owner = p != null ? p.owner : holder;
                List<LeakRow> rows = p != null ? rows(nowMillis, p.oldest.sorted()) : List.of();
                tell("descriptors:" + pid, new Leak.DescriptorHeadroom(nowMillis, owner, l,
                        thresholds.descriptorPercent(), rows), nowMillis, leaking, found);
            }
        }
        for (SocketTracker.Tracked t : fullListeners) {
            List<Owner> held = t.owners;
            SocketKey key = SocketKey.of(t.last);
            tell("accept_queue:" + key, new Leak.AcceptQueueFull(nowMillis, held.isEmpty() ? null : held.getFirst(),
                    t.last.recvQ(), t.last.sendQ(), thresholds.acceptQueuePercent(), fullQueueStreaks.get(key),
                    rows(nowMillis, List.of(t))), nowMillis, leaking, found);
        }
        lastTold.keySet().retainAll(leaking);
        return found;
    }

    /** The CLOSE-WAIT leak of {@code p}, or null when it has none. */
    private Leak closeWait(long nowMillis, ProcessSockets p, Map<Integer, ProcessLimits> limitsOf) {
        int pid = p.owner.pid();
        if (p.closeWait.isEmpty()) {
            closeWaitHistory.remove(pid);
            return null;
        }
        ArrayDeque<CloseWaitSample> history = closeWaitHistory.computeIfAbsent(pid, k -> new ArrayDeque<>());
        history.addLast(new CloseWaitSample(nowMillis, p.closeWait.size(), p.lingering));
        while (history.size() > thresholds.closeWaitRisingLooks() + 1) {
            history.removeFirst();
        }
        boolean rising = rising(history);
        if (p.overAge == 0 && !rising) {
            return null;
        }
        CloseWaitSample first = history.getFirst();
        double minutes = (nowMillis - first.atMillis()) / 60_000.0;
        double growth = minutes > 0 ? (p.closeWait.size() - first.count()) / minutes : 0;
        ProcessLimits l = limitsOf.computeIfAbsent(pid, this::limitsOrNull);
        long untilLimit = -1;
        if (growth > 0 && l != null && l.softLimit() >= 0) {
            long left = Math.max(0, l.softLimit() - l.openDescriptors());
            untilLimit = Math.round(left / growth * 60_000);
        }
        List<SocketTracker.Tracked> oldestFirst = new ArrayList<>(p.closeWait);
        oldestFirst.sort(Comparator.comparingLong(t -> t.stateSinceMillis));
        return new Leak.CloseWait(nowMillis, p.owner, p.closeWait.size(), p.overAge,
                thresholds.closeWaitAgeMillis(), rising, growth, l, untilLimit,
                rows(nowMillis, oldestFirst.subList(0, Math.min(EVIDENCE_ROWS, oldestFirst.size()))));
    }

    /**
     * Whether the lingering count kept rising over the last K steps: it rose at more than half of them and grew by
     * at least {@link #LEAST_RISE} in all. A busy server that closes late now and then leaves a socket lingering
     * for one dump, which the next one no longer finds.
     */
    private boolean rising(ArrayDeque<CloseWaitSample> history) {
        int steps = thresholds.closeWaitRisingLooks();
        if (history.size() < steps + 1) {
            return false;
        }
        int rises = 0;
        CloseWaitSample before = null;
        for (CloseWaitSample s : history) {
            if (before != null && s.lingering() > before.lingering()) {
                rises++;
            }
            before = s;
        }
        return rises * 2 > steps && history.getLast().lingering() - history.getFirst().lingering() >= LEAST_RISE;
    }

    private boolean queueFull(long queued, long backlog) {
        return backlog > 0 && queued * 100 >= (long) thresholds.acceptQueuePercent() * backlog;
    }

    private void tell(String subject, Leak leak, long nowMillis, Set<String> leaking, List<Leak> found) {
        leaking.add(subject);
        Long told = lastTold.get(subject);
        if (told == null || nowMillis - told >= REPEAT_MILLIS) {
            lastTold.put(subject, nowMillis);
            found.add(leak);
        }
    }

    private ProcessLimits limitsOrNull(int pid) {
        return limits.limits(pid).orElse(null);
    }

    private static boolean isTcp(SocketTracker.Tracked t) {
        return t.last instanceof InetSocket s && (s.table() == SocketTable.TCP || s.table() == SocketTable.MPTCP);
    }

    private static List<LeakRow> rows(long nowMillis, List<SocketTracker.Tracked> tracked) {
        List<LeakRow> rows = new ArrayList<>(tracked.size());
        for (SocketTracker.Tracked t : tracked) {
            rows.add(new LeakRow(t.last, t.ageAt(nowMillis), Math.max(0, nowMillis - t.stateSinceMillis)));
        }
        return rows;
    }

    /** The few tracked sockets with the smallest key, without sorting them all. */
    private static final class Oldest {
        private final ToLongFunction<SocketTracker.Tracked> key;
        private final List<SocketTracker.Tracked> kept = new ArrayList<>(EVIDENCE_ROWS + 1);

        Oldest(ToLongFunction<SocketTracker.Tracked> key) {
            this.key = key;
        }

        void offer(SocketTracker.Tracked t) {
            if (kept.size() == EVIDENCE_ROWS && key.applyAsLong(t) >= key.applyAsLong(kept.getLast())) {
                return;
            }
            int at = kept.size();
            while (at > 0 && key.applyAsLong(kept.get(at - 1)) > key.applyAsLong(t)) {
                at--;
            }
            kept.add(at, t);
            if (kept.size() > EVIDENCE_ROWS) {
                kept.removeLast();
            }
        }

        List<SocketTracker.Tracked> sorted() {
            return kept;
        }
    }
}
