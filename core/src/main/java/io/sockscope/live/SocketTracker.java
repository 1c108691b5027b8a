package io.sockscope.live;

import io.sockscope.model.InetSocket;
import io.sockscope.model.Owner;
import io.sockscope.model.SocketRecord;
import io.sockscope.model.TcpInfo;
import io.sockscope.model.TcpState;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Follows the socket table from look to look and says what changed: each full dump is compared with the one
 * before by {@link SocketKey} (the kernel's cookie), giving {@link SocketEvent.Opened},
 * {@link SocketEvent.StateChanged} and {@link SocketEvent.Closed}; a destroy event from the kernel between two
 * dumps ({@link #destroyed}) closes a socket at once, and opens it first if no dump saw it, so that a connection
 * shorter than an interval still opens and closes.
 *
 * <p>The first dump is the baseline: it tells nothing, and the sockets in it are aged from a lower bound (their
 * first sighting, pushed back by a TCP socket's longest idle time in {@code tcp_info}). Only live sockets are
 * kept: a closed one is forgotten, so memory follows the table, not the time watched. Not thread-safe.
 */
public final class SocketTracker {
    /** What is known of a live socket; the leak detectors of this package read it after each dump. */
    static final class Tracked {
        final long bornMillis;
        final Age.Source ageSource;
        /**
         * Since when it has been in its present state: the dump that saw it change, or its first sighting (for a
         * socket there when watching began, a lower bound).
         */
        long stateSinceMillis;
        SocketRecord last;
        /** The processes holding it at the last dump whose owner scan found any; empty while none did. */
        List<Owner> owners = List.of();

        Tracked(long bornMillis, Age.Source ageSource, long stateSinceMillis, SocketRecord last) {
            this.bornMillis = bornMillis;
            this.ageSource = ageSource;
            this.stateSinceMillis = stateSinceMillis;
            this.last = last;
        }

        Age ageAt(long nowMillis) {
            return new Age(Math.max(0, nowMillis - bornMillis), ageSource);
        }

        Owner owner() {
            return owners.isEmpty() ? null : owners.getFirst();
        }

        /** Takes the holders a dump's scan found; a socket the scan missed keeps those found before. */
        void holders(OwnerLookup lookup) {
            long inode = last.inode();
            if (inode != 0) {
                List<Owner> found = lookup.owners(inode);
                // Kept unless they changed: what a long watch keeps should stay put, not be made anew each dump.
                if (!found.isEmpty() && !found.equals(owners)) {
                    owners = found;
                }
            }
        }
    }

    /** How long a socket a dump closed waits for its destroy event before it is forgotten. */
    static final long LATE_DESTROY_MILLIS = 10_000;

    private final Map<SocketKey, Tracked> live = new HashMap<>();
    /**
     * Closed by a destroy event and perhaps still listed: a dump taken before the event may list them, and a TCP
     * connection the kernel keeps as a time-wait entry (TIME-WAIT, or FIN-WAIT-2 once its owner closed it) is
     * listed with the destroyed socket's cookie for up to a minute. Each is forgotten at the first dump that
     * does not list it.
     */
    private final Set<SocketKey> destroyed = new HashSet<>();
    /** The endpoints of the inet sockets in {@link #destroyed}, for time-wait entries listed under a new cookie. */
    private final Set<ConnectionKey> destroyedConnections = new HashSet<>();
    /**
     * Closed because a dump no longer listed them, with that dump's time. A destroy event may be taken after the
     * dump that found its socket gone (the kernel sends it from a work queue once the socket has left the table,
     * and a loop that is behind takes a due dump before the events queued): that close has been told, and the
     * event says nothing more. Each is forgotten when its event comes, or {@link #LATE_DESTROY_MILLIS} after
     * that dump (its event was dropped, or its table has none).
     */
    private final Map<SocketKey, Long> closedByDump = new HashMap<>();
    private boolean baselined;

    /** Whether a first dump has been seen. */
    public boolean baselined() {
        return baselined;
    }

    /** How many sockets are being followed. */
    public int size() {
        return live.size();
    }

    /** Each live socket as the last dump saw it, for the detectors. */
    void forEachLive(Consumer<Tracked> action) {
        live.values().forEach(action);
    }

    /** As {@link #observe(long, Iterable, OwnerLookup)} with no owner known. */
    public List<SocketEvent> observe(long nowMillis, Iterable<? extends SocketRecord> dump) {
        return observe(nowMillis, dump, inode -> List.of());
    }

    /**
     * Compares a full dump taken at {@code nowMillis} with the last and returns what changed, opens and state
     * changes in the dump's order, then closes. The first dump returns nothing. {@code owners} answers from the
     * dump's owner scan; each socket keeps the holders found last, so that its close still names them.
     */
    public List<SocketEvent> observe(long nowMillis, Iterable<? extends SocketRecord> dump, OwnerLookup owners) {
        List<SocketEvent> events = new ArrayList<>();
        closedByDump.values().removeIf(closedAt -> closedAt < nowMillis - LATE_DESTROY_MILLIS);
        Set<SocketKey> seen = new HashSet<>();
        Set<SocketKey> destroyedStillListed = new HashSet<>();
        Set<ConnectionKey> connectionsStillListed = new HashSet<>();
        for (SocketRecord socket : dump) {
            SocketKey key = SocketKey.of(socket);
            if (key == null || !seen.add(key)) {
                continue;
            }
            if (destroyed.contains(key)) {
                destroyedStillListed.add(key);
                continue;
            }
            if (isTimeWaitOfDestroyed(socket, key)) {
                connectionsStillListed.add(ConnectionKey.of(socket));
                continue;
            }
            Tracked known = live.get(key);
            if (known == null) {
                if (!baselined) {
                    Tracked first = new Tracked(nowMillis - idleLowerBound(socket), Age.Source.LOWER_BOUND,
                            nowMillis, socket);
                    first.holders(owners);
                    live.put(key, first);
                    continue;
                }
                Tracked born = new Tracked(nowMillis, Age.Source.OBSERVED, nowMillis, socket);
                born.holders(owners);
                live.put(key, born);
                events.add(new SocketEvent.Opened(nowMillis, socket, born.ageAt(nowMillis), born.owner()));
                continue;
            }
            int before = known.last.state();
            if (before != socket.state() || socket.state() == TcpState.LISTEN.code()) {
                // Otherwise the record first seen stands: its identity is the same, and a socket that keeps its
                // state is not looked at again (a listener's queues are, by the detectors). Keeping it rather than
                // each dump's copy lets that copy die young, and a watch of a big table keep a small heap.
                known.last = socket;
            }
            known.holders(owners);
            if (before != socket.state()) {
                events.add(new SocketEvent.StateChanged(nowMillis, socket, before, socket.state(),
                        known.ageAt(nowMillis), known.owner()));
                known.stateSinceMillis = nowMillis;
            }
        }
        for (Iterator<Map.Entry<SocketKey, Tracked>> it = live.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<SocketKey, Tracked> e = it.next();
            if (!seen.contains(e.getKey())) {
                if (baselined) {
                    Tracked gone = e.getValue();
                    events.add(new SocketEvent.Closed(nowMillis, gone.last, gone.ageAt(nowMillis), gone.owner()));
                    closedByDump.put(e.getKey(), nowMillis);
                }
                it.remove();
            }
        }
        destroyed.retainAll(destroyedStillListed);
        destroyedConnections.retainAll(connectionsStillListed);
        baselined = true;
        return events;
    }

    /**
     * The kernel says {@code socket} was destroyed at {@code nowMillis} (a {@code SOCK_DESTROY} multicast, what
     * {@code ss -E} shows): it closes now; one no dump saw opens first, aged zero; one a dump already found gone
     * has been closed then, and nothing is told.
     */
    public List<SocketEvent> destroyed(long nowMillis, SocketRecord socket) {
        SocketKey key = SocketKey.of(socket);
        if (key == null || closedByDump.remove(key) != null || !destroyed.add(key)) {
            return List.of();
        }
        ConnectionKey connection = ConnectionKey.of(socket);
        if (connection != null) {
            destroyedConnections.add(connection);
        }
        Tracked known = live.remove(key);
        if (known == null) {
            // Destroyed before any dump saw it: its descriptor is gone, and no scan can name its holder.
            Tracked born = new Tracked(nowMillis, Age.Source.OBSERVED, nowMillis, socket);
            return List.of(new SocketEvent.Opened(nowMillis, socket, born.ageAt(nowMillis), null),
                    new SocketEvent.Closed(nowMillis, socket, born.ageAt(nowMillis), null));
        }
        return List.of(new SocketEvent.Closed(nowMillis, socket, known.ageAt(nowMillis), known.owner()));
    }

    /**
     * Whether {@code socket}, not followed yet, is the time-wait entry of a connection a destroy event closed: no
     * process holds such an entry (inode 0), and its endpoints are the destroyed socket's.
     */
    private boolean isTimeWaitOfDestroyed(SocketRecord socket, SocketKey key) {
        return socket.inode() == 0 && !live.containsKey(key) && !destroyedConnections.isEmpty()
                && destroyedConnections.contains(ConnectionKey.of(socket));
    }

    /**
     * How long a socket seen for the first time has existed at least: for TCP, the longest time since it last
     * sent or received data or an ACK ({@code tcp_info}, when the dump asked for it); else nothing.
     */
    static long idleLowerBound(SocketRecord socket) {
        if (socket instanceof InetSocket inet && inet.details() != null && inet.details().tcpInfo() != null) {
            TcpInfo info = inet.details().tcpInfo();
            long longest = Math.max(Math.max(unsigned(info.lastDataSent()), unsigned(info.lastAckSent())),
                    Math.max(unsigned(info.lastDataRecv()), unsigned(info.lastAckRecv())));
            return longest;
        }
        return 0;
    }

    private static long unsigned(int millis) {
        return Integer.toUnsignedLong(millis);
    }
}
