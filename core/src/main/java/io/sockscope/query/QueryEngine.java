package io.sockscope.query;

import io.sockscope.kernel.NetlinkException;
import io.sockscope.kernel.NetlinkSubscription;
import io.sockscope.model.InetSocket;
import io.sockscope.model.SocketRecord;
import io.sockscope.model.WarningSink;
import io.sockscope.source.DumpKind;
import io.sockscope.source.DumpRequest;
import io.sockscope.source.FallbackSource;
import io.sockscope.source.NetlinkSource;
import io.sockscope.source.ProcNetSource;
import io.sockscope.source.ProcPaths;
import io.sockscope.netlink.SockDiag;
import io.sockscope.source.ReplaySource;
import io.sockscope.source.SocketDestroyer;
import io.sockscope.source.SocketSink;
import io.sockscope.source.SourceException;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Answers {@link Query}s: the one place that turns a query into dumps. For each table of the plan it picks the
 * source as ss picks it — the kernel over netlink, {@code /proc/net} when the kernel cannot answer or the
 * query's {@link FallbackPolicy} sends the table there, and for TCP the file named by {@code TCPDIAG_FILE} when
 * one was given (then TCP comes from nowhere else) — applies the filter, and hands each socket to the sink.
 *
 * <p>With {@link Query#kill()}, every inet socket the kernel lists and the filter keeps is closed before it is
 * handed on, and only the sockets the kernel did close are (ss's {@code show_one_inet_sock}). Sockets read from
 * {@code /proc/net} cannot be closed: unlike ss, which lists them as if they were, they are left out with a
 * warning. Sockets replayed from a {@code TCPDIAG_FILE} are handed on as ss lists them, with a warning that
 * nothing was closed. The first refusal other than "already gone" or "not supported" ends the query
 * ({@link #killFailure()}).
 *
 * <p>When the query wants owners ({@link Query#owners()}), the engine starts their scan as a run begins, on threads
 * of its own, asks the kernel for each table once the scan is over (as ss reads {@code /proc} before it dumps),
 * and answers the sink's lookups through {@link #owners()}.
 *
 * <p>{@link #follow} hands on the sockets the kernel destroys, as they go ({@code ss -E}), instead of a listing.
 * One engine serves one thread at a time.
 */
public final class QueryEngine implements AutoCloseable {
    /** The kernel's clock-tick rate in /proc/net files ({@code sysconf(_SC_CLK_TCK)} is 100 on Linux). */
    public static final int CLOCK_TICKS_PER_SECOND = 100;

    /** How long {@link #follow} waits for an event before it looks whether it should stop. */
    private static final Duration WAKE_INTERVAL = Duration.ofMillis(100);

    private final ProcPaths paths;
    private final Path replayFile;
    private final OwnerJoin owners = new OwnerJoin();
    /** Made by the first run, after its owner scan started: its classes load while the scan runs. */
    private FallbackSource live;
    private ReplaySource replay;
    private final WarningSink warnings;
    private SocketDestroyer destroyer;
    private SocketDestroyer.DestroyFailedException killFailure;

    /** An engine over the kernel and {@code paths}, with no replay file. */
    public QueryEngine(ProcPaths paths, WarningSink warnings) {
        this(paths, null, warnings);
    }

    /**
     * @param paths      where the {@code /proc} files are
     * @param replayFile the {@code TCPDIAG_FILE} TCP is replayed from, or null
     * @param warnings   where skipped data, unclosed sockets and the owner scan's troubles are reported
     */
    public QueryEngine(ProcPaths paths, Path replayFile, WarningSink warnings) {
        this.paths = paths;
        this.replayFile = replayFile;
        this.warnings = warnings;
    }

    /**
     * Checks that a sock_diag socket can be opened, so that a caller learns when it starts, not at its first
     * dump, that the kernel's tables are closed to it.
     *
     * @throws QueryFailedException saying why none can: refused for lack of privilege, or unavailable
     */
    public static void probe() throws QueryFailedException {
        try {
            NetlinkSource.probe();
        } catch (NetlinkException e) {
            throw QueryFailedException.cannotOpen(e);
        } catch (LinkageError | UnsupportedOperationException | IllegalCallerException e) {
            throw QueryFailedException.unreachable(e);
        }
    }

    /**
     * The owners of the sockets this engine hands on, by inode, for a sink to look up while a run or a
     * {@link #follow} whose query wants owners hands it sockets; the same object for every run, so that a sink
     * may be wired to it before the first.
     */
    public OwnerJoin owners() {
        return owners;
    }

    /**
     * Hands every socket the query selects to {@code sink}, table by table in ss's order. A table that cannot be
     * read goes to {@code failures}; a {@code -K} refusal ends the query ({@link #killFailure()}).
     */
    public <X extends Exception> void run(Query query, SocketSink sink, TableFailures<X> failures) throws X {
        startOwners(query, true);
        if (live == null) {
            live = new FallbackSource(NetlinkSource.requestingAfter(new AwaitOwners(owners)),
                    new ProcNetSource(paths, CLOCK_TICKS_PER_SECOND), kind -> false);
            replay = replayFile != null ? new ReplaySource(replayFile) : null;
        }
        DumpRequest request = query.request();
        for (DumpKind kind : query.plan()) {
            if (killFailure != null) {
                break;
            }
            try {
                dump(kind, query, request, sink);
            } catch (SourceException e) {
                failures.failed(kind, e);
            }
        }
        if (query.owners().wanted()) {
            // A run that handed on no socket still ends after the scan, so that its warnings are given and its
            // threads are done; a failed scan is rethrown here, as the first lookup would have.
            owners.finish();
        }
    }

    /**
     * Hands every socket the query selects in each of {@code namespaces} to {@code sink}, namespace after
     * namespace in the order given ({@link NamespaceSink}), each read as {@link #run} reads one, on a platform
     * thread that entered it ({@link AcrossNamespaces}); a few are read at once. When the query wants owners,
     * one scan serves every namespace: an inode names one socket host-wide, and a process may hold sockets of
     * namespaces other than its own.
     *
     * @throws IllegalArgumentException when the query closes what it lists ({@code -K} is for one namespace)
     * @throws IllegalStateException    when this engine replays TCP from a file, which describes one namespace
     */
    public void runAcross(Query query, List<NamespaceTarget> namespaces, NamespaceSink sink) {
        runAcross(query, () -> namespaces, sink);
    }

    /**
     * {@link #runAcross(Query, List, NamespaceSink)} over the namespaces {@code find} gives, asked on the
     * caller's thread once the owner scan has started: finding the namespaces (a {@code readlink} of every
     * descriptor on the host) and the scan then overlap.
     */
    public void runAcross(Query query, Supplier<List<NamespaceTarget>> find, NamespaceSink sink) {
        if (query.kill()) {
            throw new IllegalArgumentException("closing sockets is done in one namespace at a time");
        }
        if (replayFile != null) {
            throw new IllegalStateException("a replay file describes one namespace");
        }
        startOwners(query, true);
        List<NamespaceTarget> namespaces = find.get();
        DumpRequest request = query.request();
        int parallelism = Math.min(namespaces.size(), Math.max(2, Runtime.getRuntime().availableProcessors()));
        new AcrossNamespaces(namespaces, sink, parallelism).run((out, failures) -> {
            // The thread is in the namespace now: its /proc/net files and a fresh netlink source are the namespace's.
            FallbackSource here = new FallbackSource(NetlinkSource.requestingAfter(new AwaitOwners(owners)),
                    new ProcNetSource(paths.onCallingThread(), CLOCK_TICKS_PER_SECOND), kind -> false);
            FallbackSource source = sourceFor(here, query);
            for (DumpKind kind : query.plan()) {
                try {
                    source.dump(kind, request, query.filter().keepFromKernel(), query.filter().keepFromProc(), out,
                            warnings);
                } catch (SourceException e) {
                    failures.failed(kind, e);
                }
            }
        });
        if (query.owners().wanted()) {
            owners.finish();
        }
    }

    /**
     * Hands on every TCP and UDP socket the kernel destroys from now on that the query's families and filter keep
     * ({@link DestroyEvents}), until {@code stopped} says so: it is asked between waits of at most a tenth of a
     * second. Each event ends with {@link EventSink#eventEnded()}. Owners, when the query wants them, come from
     * one scan made as following starts.
     *
     * @throws IllegalArgumentException when the query selects neither TCP nor UDP over IPv4 or IPv6
     * @throws NetlinkException         when the kernel's groups cannot be joined ({@code bind: EPERM} without
     *                                  {@code CAP_NET_ADMIN}) or receiving fails
     */
    public void follow(Query query, EventSink sink, BooleanSupplier stopped) throws NetlinkException {
        follow(query, sink, stopped, NetlinkSubscription.DEFAULT_RECEIVE_BUFFER);
    }

    /**
     * As {@link #follow(Query, EventSink, BooleanSupplier)}, with the subscription's receive buffer set to
     * {@code receiveBufferBytes} ({@link NetlinkSubscription#open(int, int, Duration, int)}): a tiny one lets a
     * test make the kernel drop events ({@link EventSink#eventsLost()}) with a modest burst.
     */
    public void follow(Query query, EventSink sink, BooleanSupplier stopped, int receiveBufferBytes)
            throws NetlinkException {
        int groups = DestroyEvents.groups(query);
        if (groups == 0) {
            throw new IllegalArgumentException("destroy events are sent for TCP and UDP sockets only");
        }
        // A destroyed socket is gone: a second scan would not find its owner.
        startOwners(query, false);
        DestroyEvents events = new DestroyEvents(query, warnings);
        try (NetlinkSubscription subscription = NetlinkSubscription.open(SockDiag.NETLINK_SOCK_DIAG, groups,
                WAKE_INTERVAL, receiveBufferBytes)) {
            while (!stopped.getAsBoolean()) {
                subscription.receive((type, flags, buffer, offset, length) -> {
                    InetSocket socket = events.kept(buffer, offset, length);
                    if (socket != null) {
                        sink.accept(socket);
                    }
                    sink.eventEnded();
                }, warnings::warn, () -> {
                    if (!sink.eventsLost()) {
                        warnings.warn(NetlinkSubscription.OVERFLOW_WARNING);
                    }
                });
            }
        }
    }

    private void startOwners(Query query, boolean rescan) {
        if (query.owners().wanted()) {
            owners.start(query.owners(), paths.procRoot(), warnings, rescan);
        } else {
            owners.clear();
        }
    }

    /** The refusal that ended a {@code -K} query, or null. */
    public SocketDestroyer.DestroyFailedException killFailure() {
        return killFailure;
    }

    private void dump(DumpKind kind, Query query, DumpRequest request, SocketSink sink) throws SourceException {
        if (kind == DumpKind.TCP && replay != null) {
            replayTcp(query, request, sink);
        } else if (query.kill() && isInet(kind)) {
            dumpClosing(kind, query, request, sink);
        } else {
            source(query).dump(kind, request, query.filter().keepFromKernel(), query.filter().keepFromProc(), sink,
                    warnings);
        }
    }

    /** The live source with the query's fallback policy. */
    private FallbackSource source(Query query) {
        return sourceFor(live, query);
    }

    /** {@code base} with the query's fallback policy. */
    private FallbackSource sourceFor(FallbackSource base, Query query) {
        if (query.fallback() == FallbackPolicy.KERNEL_FIRST) {
            return base;
        }
        Predicate<DumpKind> forced = kind -> paths.forcesProc(kind)
                || (query.filter().kernelRefusesProgram() && isInet(kind));
        return base.forcing(forced);
    }

    private void replayTcp(Query query, DumpRequest request, SocketSink sink) throws SourceException {
        Predicate<SocketRecord> matches = query.filter().keepFromKernel();
        if (!query.kill()) {
            replay.dump(DumpKind.TCP, request, matches, sink, warnings);
            return;
        }
        // A replay is a record of sockets, not sockets: ss lists the matching ones as if it had closed them,
        // and so does sockscope (the bytes stay ss's), saying on stderr that nothing was closed.
        long[] replayed = {0};
        replay.dump(DumpKind.TCP, request, socket -> {
            if (matches.test(socket)) {
                replayed[0]++;
                return true;
            }
            return false;
        }, sink, warnings);
        if (replayed[0] != 0) {
            warnings.warn("tcp sockets were replayed from $" + ReplaySource.ENVIRONMENT_VARIABLE + ": "
                    + replayed[0] + " matching " + (replayed[0] == 1 ? "socket" : "sockets")
                    + " listed as ss lists them, none closed");
        }
    }

    /** {@code -K}: closes each matching socket the kernel lists and hands it on once closed. */
    private void dumpClosing(DumpKind kind, Query query, DumpRequest request, SocketSink sink)
            throws SourceException {
        if (destroyer == null) {
            destroyer = new SocketDestroyer(warnings);
        }
        Predicate<SocketRecord> matches = query.filter().keepFromKernel();
        Predicate<SocketRecord> matchesInProc = query.filter().keepFromProc();
        long[] leftOpen = {0};
        try {
            source(query).dump(kind, request,
                    socket -> matches.test(socket) && destroyed((InetSocket) socket, kind),
                    socket -> {
                        if (matchesInProc.test(socket)) {
                            leftOpen[0]++;
                        }
                        return false;
                    },
                    sink, warnings);
        } catch (KillStopped stopped) {
            // The refusal is kept in killFailure; the rest of this dump is not handed on.
        }
        if (leftOpen[0] != 0) {
            warnings.warn(kind.name().toLowerCase(Locale.ROOT) + " sockets were read from /proc/net, where they"
                    + " cannot be closed: " + leftOpen[0] + " matching " + (leftOpen[0] == 1 ? "socket" : "sockets")
                    + " not closed and not listed");
        }
    }

    private boolean destroyed(InetSocket socket, DumpKind kind) {
        try {
            return destroyer.destroy(socket, kind) == SocketDestroyer.Outcome.CLOSED;
        } catch (SocketDestroyer.DestroyFailedException e) {
            killFailure = e;
            throw new KillStopped();
        }
    }

    private static boolean isInet(DumpKind kind) {
        return switch (kind) {
            case TCP, UDP, RAW, DCCP, SCTP, MPTCP -> true;
            default -> false;
        };
    }

    @Override
    public void close() {
        if (destroyer != null) {
            destroyer.close();
        }
    }

    /**
     * Holds each request to the kernel until the owner scan is over ({@link OwnerJoin#awaitQuietly}); returns at
     * once when the query wants no owners. A class rather than a lambda, which would be spun at run time in every
     * fresh JVM (docs/startup.md).
     */
    private static final class AwaitOwners implements Runnable {
        private final OwnerJoin owners;

        AwaitOwners(OwnerJoin owners) {
            this.owners = owners;
        }

        @Override
        public void run() {
            owners.awaitQuietly();
        }
    }

    /** Unwinds a dump from inside its filter once the kernel refused to close a socket. */
    private static final class KillStopped extends RuntimeException {
        private static final long serialVersionUID = 1L;

        KillStopped() {
            super(null, null, false, false);
        }
    }
}
