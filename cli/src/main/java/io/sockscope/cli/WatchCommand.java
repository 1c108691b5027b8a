package io.sockscope.cli;

import io.sockscope.cli.json.WatchEventJson;
import io.sockscope.live.DestroyNotice;
import io.sockscope.live.LeakDetector;
import io.sockscope.live.TableDump;
import io.sockscope.live.WatchLoop;
import io.sockscope.live.WatchSink;
import io.sockscope.kernel.NetworkNamespace;
import io.sockscope.model.Netns;
import io.sockscope.model.SocketRecord;
import io.sockscope.model.WarningSink;
import io.sockscope.netns.NamespaceDiscovery;
import io.sockscope.procmap.ProcLimits;
import io.sockscope.query.DestroyEvents;
import io.sockscope.query.Query;
import io.sockscope.query.QueryEngine;
import io.sockscope.source.DumpKind;
import io.sockscope.source.ProcPaths;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Function;

/**
 * {@code sockscope watch}: the table the listing's options select, followed over time as a stream of events
 * ({@link WatchLoop}): a dump every interval, owners scanned with each, tcp_info asked for so that sockets
 * already there get a lower bound on their age, and the kernel's destroy events followed on a thread of their
 * own ({@link DestroyFollower}). Runs until SIGINT or SIGTERM ({@link StopOnSignal}) or until stdout closes.
 */
final class WatchCommand {
    /** How long the follower may take to notice it must stop (it wakes every tenth of a second). */
    private static final long FOLLOWER_JOIN_MILLIS = 1000;

    private final WatchOptions watch;
    private final ListingOptions options;
    private final Map<String, String> environment;
    private final PrintStream err;

    private WatchCommand(WatchOptions watch, ListingOptions options, Map<String, String> environment,
                         PrintStream err) {
        this.watch = watch;
        this.options = options;
        this.environment = environment;
        this.err = err;
    }

    /** Reads {@code line} (the words after {@code watch}) and watches; returns the exit status. */
    static int run(CommandLine line, RawArguments raw, Map<String, String> environment, PrintStream err,
                   OutputStream stdout) throws IOException, UsageException {
        WatchOptions watch = WatchOptions.parse(line);
        ListingOptions options = ListingOptionsParser.parse(watch.rest(), raw);
        return new WatchCommand(watch, options, environment, err).run(stdout);
    }

    private int run(OutputStream stdout) throws IOException, UsageException {
        Query query = query(options, watch.allNamespaces(), environment, err);
        if (query == null) {
            return 0;
        }
        ProcPaths paths = new ProcPaths(environment);
        WarningSink warnings = message -> err.println("sockscope: warning: " + message);
        StopOnSignal stop = StopOnSignal.install();
        boolean[] finished = {false};
        LinkedBlockingQueue<DestroyNotice> notices = new LinkedBlockingQueue<>(DestroyFollower.queueCapacity());
        // Destroyed sockets have no owner left to find: the followers scan for none.
        Query follow = DestroyEvents.groups(query) != 0 ? query.withOwners(Query.Owners.NONE) : null;
        int receiveBuffer = TestEventReceiveBuffer.bytes(environment, err);
        Thread follower = null;
        try (stop; QueryEngine dumps = new QueryEngine(paths, warnings);
             QueryEngine destroys = new QueryEngine(paths, warnings);
             NamespacedWatch across = watch.allNamespaces() ? new NamespacedWatch(dumps,
                     discovery(warnings), paths, warnings, err, follow, receiveBuffer, notices,
                     System::currentTimeMillis) : null) {
            if (across == null && follow != null) {
                follower = DestroyFollower.start(destroys, follow, notices, System::currentTimeMillis, receiveBuffer,
                        err, () -> finished[0] || stop.requested());
            }
            Function<SocketRecord, Netns> netnsOf = across == null ? socket -> null : across::netnsOf;
            WatchSink sink = options.format() == OutputFormat.NDJSON
                    ? new WatchEventJson(stdout, netnsOf) : new WatchEventLines(stdout, netnsOf);
            Set<DumpKind> failedKinds = EnumSet.noneOf(DumpKind.class);
            TableDump<RuntimeException> table = firstWithTcpInfo(query, q -> across == null
                    ? dump(dumps, q, failedKinds, err) : across.read(q));
            LeakDetector leaks = new LeakDetector(watch.thresholds(), new ProcLimits(paths.procRoot()));
            new WatchLoop<>(table, notices, System::currentTimeMillis, watch.intervalMillis(), sink, leaks,
                    dumps.owners()::owners).run(stop::requested);
            stdout.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            finished[0] = true;
            if (follower != null) {
                joinQuietly(follower);
            }
        }
        return stop.exitStatus();
    }

    /**
     * Reads with {@code query} (which asks for tcp_info) the first time, then without tcp_info: its idle times
     * bound the age of the sockets there when watching began, and nothing looks at it later, while asking for it
     * makes every dump a quarter heavier.
     */
    static TableDump<RuntimeException> firstWithTcpInfo(Query query, Function<Query, List<SocketRecord>> read) {
        Query later = query.withAttributes(Query.Attributes.NONE);
        boolean[] first = {true};
        return () -> {
            Query now = first[0] ? query : later;
            first[0] = false;
            return read.apply(now);
        };
    }

    /** Finds the host's network namespaces from /proc and /run/netns, for --all-netns. */
    static NamespaceDiscovery discovery(WarningSink warnings) {
        return new NamespaceDiscovery(Path.of("/proc"), NetworkNamespace.RUN_DIRECTORY, warnings);
    }

    /** One dump of the table; a table that cannot be read is said once, not every interval. */
    static List<SocketRecord> dump(QueryEngine engine, Query query, Set<DumpKind> failedKinds, PrintStream err) {
        List<SocketRecord> sockets = new ArrayList<>();
        engine.run(query, sockets::add, (kind, e) -> {
            if (failedKinds.add(kind)) {
                err.println("sockscope: " + e.getMessage());
            }
        });
        return sockets;
    }

    /**
     * The query {@code options} select, with owners and tcp_info, or null (said on stderr) when they select
     * nothing, as the listing says; {@code leaks} reads the same.
     */
    static Query query(ListingOptions options, boolean allNamespaces, Map<String, String> environment,
                       PrintStream err) throws IOException, UsageException {
        LiveQuery queries = new LiveQuery(options.selection(), new ProcPaths(environment), environment);
        if (queries.selectsNothing()) {
            err.println("sockscope: no sockets to watch with such filter.");
            return null;
        }
        Query query = queries.of(options.expression(), options.filterFileText());
        if (allNamespaces && queries.deviceNamed() != null) {
            throw new UsageException("--all-netns cannot take an interface name in a filter (\""
                    + queries.deviceNamed() + "\"): each network namespace numbers its own interfaces", 1);
        }
        // tcp_info's idle times bound the age of a socket that was there before watching began.
        return query.withAttributes(new Query.Attributes(false, true, false, false, false));
    }

    private static void joinQuietly(Thread thread) {
        try {
            thread.join(FOLLOWER_JOIN_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
