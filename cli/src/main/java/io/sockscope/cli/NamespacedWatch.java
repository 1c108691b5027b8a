package io.sockscope.cli;

import io.sockscope.live.DestroyNotice;
import io.sockscope.live.SocketKey;
import io.sockscope.model.Netns;
import io.sockscope.model.SocketRecord;
import io.sockscope.model.WarningSink;
import io.sockscope.netns.DiscoveredNamespace;
import io.sockscope.netns.Discovery;
import io.sockscope.netns.NamespaceDiscovery;
import io.sockscope.query.NamespaceSink;
import io.sockscope.query.NamespaceTarget;
import io.sockscope.query.NotEntered;
import io.sockscope.query.Query;
import io.sockscope.query.QueryEngine;
import io.sockscope.source.DumpKind;
import io.sockscope.source.ProcPaths;
import io.sockscope.source.SocketSink;
import io.sockscope.source.SourceException;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * {@code watch --all-netns} and {@code leaks --all-netns}: each read finds the host's network namespaces again
 * (containers come and go) and reads them all with one query ({@link QueryEngine#runAcross}); each namespace
 * also gets a follower of its destroy events ({@link NamespaceDestroyFollowers}), started when it is first found
 * and stopped when it is gone. It remembers which namespace each socket was last read in, for the events.
 * Socket cookies and inodes are unique on the host, so sockets of different namespaces never share a key.
 */
final class NamespacedWatch implements AutoCloseable {
    private final QueryEngine engine;
    private final NamespaceDiscovery discovery;
    private final PrintStream err;
    private final NamespaceDestroyFollowers followers;
    private Map<SocketKey, Netns> readNow = new HashMap<>();
    private Map<SocketKey, Netns> readBefore = new HashMap<>();
    /** Sockets destroy events told of, with their namespace, until the second read after. */
    private final Map<SocketKey, Netns> destroyedIn = new ConcurrentHashMap<>();
    private final Set<SocketKey> destroyedBeforeLastRead = new HashSet<>();
    private final Set<String> toldTableFailures = new HashSet<>();
    private final Map<Integer, Integer> toldNotEntered = new TreeMap<>();

    /**
     * @param follow        the query whose destroy events each namespace's follower joins, or null for none
     *                      (leaks, or tables without destroy events)
     * @param receiveBuffer the followers' subscription buffer ({@link TestEventReceiveBuffer})
     */
    NamespacedWatch(QueryEngine engine, NamespaceDiscovery discovery, ProcPaths paths,
                    WarningSink warnings, PrintStream err, Query follow, int receiveBuffer,
                    BlockingQueue<DestroyNotice> notices, LongSupplier clock) {
        this.engine = engine;
        this.discovery = discovery;
        this.err = err;
        this.followers = follow == null ? null
                : new NamespaceDestroyFollowers(follow, receiveBuffer, paths, warnings, notices, clock, err,
                        destroyedIn);
    }

    /** One read of every namespace with {@code query}; what could not be read is said once on stderr. */
    List<SocketRecord> read(Query query) {
        List<SocketRecord> sockets = new ArrayList<>();
        Map<SocketKey, Netns> now = new HashMap<>();
        List<DiscoveredNamespace> found = new ArrayList<>();
        Map<Integer, Integer> notEntered = new TreeMap<>();
        int[] unreadable = {0};
        try {
            engine.runAcross(query, () -> {
                Discovery d = discovery.discover();
                unreadable[0] = d.unreadableProcesses();
                found.addAll(d.namespaces());
                return NamespaceTarget.of(d.namespaces());
            }, new NamespaceSink() {
                @Override
                public SocketSink started(Netns netns) {
                    return socket -> {
                        sockets.add(socket);
                        SocketKey key = SocketKey.of(socket);
                        if (key != null) {
                            now.put(key, netns);
                        }
                    };
                }

                @Override
                public void tableFailed(Netns netns, DumpKind kind, SourceException failure) {
                    if (toldTableFailures.add(netns.inode() + ":" + kind)) {
                        err.println("sockscope: " + netns.label() + ": " + failure.getMessage());
                    }
                }

                @Override
                public void ended(Netns netns) {
                }

                @Override
                public void notEntered(Netns netns, NotEntered failure) {
                    notEntered.merge(failure.errno(), 1, Integer::sum);
                }
            });
        } catch (UncheckedIOException e) {
            err.println("sockscope: " + e.getCause().getMessage());
        }
        tellNewFailures(notEntered, unreadable[0]);
        readBefore = readNow;
        readNow = now;
        // A destroy event's namespace is kept until a read has come and gone since, for its open and close.
        destroyedIn.keySet().removeAll(destroyedBeforeLastRead);
        destroyedBeforeLastRead.clear();
        destroyedBeforeLastRead.addAll(destroyedIn.keySet());
        if (followers != null) {
            followers.follow(found);
        }
        return sockets;
    }

    /** Where {@code socket} was last read, or where its destroy event came from; null when neither is known. */
    Netns netnsOf(SocketRecord socket) {
        SocketKey key = SocketKey.of(socket);
        if (key == null) {
            return null;
        }
        Netns netns = readNow.get(key);
        if (netns == null) {
            netns = readBefore.get(key);
        }
        return netns != null ? netns : destroyedIn.get(key);
    }

    /** Where the followers note the namespace of each destroyed socket. */
    Map<SocketKey, Netns> destroyedIn() {
        return destroyedIn;
    }

    /** Says on stderr, once each, why namespaces could not be read. */
    private void tellNewFailures(Map<Integer, Integer> notEntered, int unreadable) {
        Map<Integer, Integer> fresh = new TreeMap<>();
        for (Map.Entry<Integer, Integer> e : notEntered.entrySet()) {
            if (!toldNotEntered.containsKey(e.getKey())) {
                fresh.put(e.getKey(), e.getValue());
                toldNotEntered.put(e.getKey(), e.getValue());
            }
        }
        int unreadableToTell = toldNotEntered.containsKey(-1) ? 0 : unreadable;
        if (unreadableToTell > 0) {
            toldNotEntered.put(-1, unreadable);
        }
        NamespacedTable.report(err, fresh, unreadableToTell);
    }

    @Override
    public void close() {
        if (followers != null) {
            followers.close();
        }
    }
}
