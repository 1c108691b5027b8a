package io.sockscope.cli;

import io.sockscope.kernel.NetworkNamespace;
import io.sockscope.kernel.Threads;
import io.sockscope.live.DestroyNotice;
import io.sockscope.live.SocketKey;
import io.sockscope.model.Netns;
import io.sockscope.model.WarningSink;
import io.sockscope.netns.DiscoveredNamespace;
import io.sockscope.query.Query;
import io.sockscope.query.QueryEngine;
import io.sockscope.source.ProcPaths;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * One destroy-event follower ({@link DestroyFollower}) per network namespace for {@code watch --all-netns}: the
 * kernel tells a namespace's destroyed sockets only to subscribers inside it. A follower starts when its
 * namespace is first found and stops once a read no longer finds it: its netlink socket would otherwise keep a
 * deleted namespace alive. Each destroyed socket's namespace is noted for the events.
 */
final class NamespaceDestroyFollowers implements AutoCloseable {
    /** How long a stopping follower may take (it looks at its flag every tenth of a second). */
    private static final long STOP_MILLIS = 1000;

    /** A running follower: its thread, its flag and its engine (an engine serves one thread). */
    private record Follower(AtomicReference<Thread> thread, AtomicBoolean stop, QueryEngine engine) {
        void stopAndJoin() {
            stop.set(true);
            Thread t = thread.get();
            if (t != null) {
                try {
                    t.join(STOP_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            engine.close();
        }
    }

    private final Query query;
    private final int receiveBuffer;
    private final ProcPaths paths;
    private final WarningSink warnings;
    private final BlockingQueue<DestroyNotice> notices;
    private final LongSupplier clock;
    private final PrintStream err;
    private final Map<SocketKey, Netns> noted;
    private final Map<Long, Follower> running = new HashMap<>();

    NamespaceDestroyFollowers(Query query, int receiveBuffer, ProcPaths paths, WarningSink warnings,
                              BlockingQueue<DestroyNotice> notices, LongSupplier clock, PrintStream err,
                              Map<SocketKey, Netns> noted) {
        this.query = query;
        this.receiveBuffer = receiveBuffer;
        this.paths = paths;
        this.warnings = warnings;
        this.notices = notices;
        this.clock = clock;
        this.err = err;
        this.noted = noted;
    }

    /** Follows every namespace of {@code found} not followed yet, and stops following those not in it. */
    void follow(List<DiscoveredNamespace> found) {
        Set<Long> present = new HashSet<>();
        for (DiscoveredNamespace ns : found) {
            present.add(ns.netns().inode());
            if (!running.containsKey(ns.netns().inode())) {
                running.put(ns.netns().inode(), start(ns));
            }
        }
        List<Follower> gone = new ArrayList<>();
        for (Iterator<Map.Entry<Long, Follower>> it = running.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Long, Follower> e = it.next();
            if (!present.contains(e.getKey())) {
                e.getValue().stop().set(true);
                gone.add(e.getValue());
                it.remove();
            }
        }
        gone.forEach(Follower::stopAndJoin);
    }

    /**
     * Starts following {@code ns}: a short-lived thread enters it and starts the follower, whose thread, made by
     * the entering one, begins life in the namespace too. A namespace gone before it is entered is not followed.
     */
    private Follower start(DiscoveredNamespace ns) {
        Follower follower = new Follower(new AtomicReference<>(), new AtomicBoolean(), new QueryEngine(paths,
                warnings));
        Netns netns = ns.netns();
        Thread entering = Thread.ofPlatform().daemon().name("sockscope-netns-follow").start(() -> {
            if (!ns.current()) {
                try {
                    NetworkNamespace.enter(ns.entry());
                } catch (NetworkNamespace.EnterException e) {
                    // Said by the read, which could not enter it either (or found it gone).
                    return;
                }
            }
            follower.thread().set(DestroyFollower.start(follower.engine(), query, notices, clock, receiveBuffer,
                    err, follower.stop()::get, socket -> {
                        SocketKey key = SocketKey.of(socket);
                        if (key != null) {
                            noted.put(key, netns);
                        }
                    }));
        });
        Threads.joinUninterruptibly(entering);
        return follower;
    }

    @Override
    public void close() {
        for (Follower f : running.values()) {
            f.stop().set(true);
        }
        running.values().forEach(Follower::stopAndJoin);
        running.clear();
    }
}
