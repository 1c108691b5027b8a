package io.sockscope.inspect;

import io.sockscope.attribution.SocketWorkloads;
import io.sockscope.attribution.WorkloadResolver;
import io.sockscope.filter.CompiledFilter;
import io.sockscope.filter.FilterSyntaxException;
import io.sockscope.filter.ParseContext;
import io.sockscope.kernel.InterfaceNames;
import io.sockscope.kernel.NetworkNamespace;
import io.sockscope.model.SocketRecord;
import io.sockscope.model.SocketTable;
import io.sockscope.names.MountTable;
import io.sockscope.names.ServiceNames;
import io.sockscope.netns.Discovery;
import io.sockscope.netns.NamespaceDiscovery;
import io.sockscope.query.NamespaceTarget;
import io.sockscope.query.Query;
import io.sockscope.query.QueryEngine;
import io.sockscope.query.QueryFailedException;
import io.sockscope.query.TableFailures;
import io.sockscope.source.ProcNetFile;
import io.sockscope.source.ProcPaths;
import io.sockscope.model.WarningSink;
import io.sockscope.kernel.Threads;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * The library's side of the engine: what its queries need from this machine, kept between them — the
 * {@link QueryEngine} over the system's {@code /proc}, the name tables, the filter's environment — and the owner
 * scan. It takes the engine's {@link Query} and hands back model records ({@link #run}), or, across network
 * namespaces, what the caller's mapping made of them on each namespace's thread ({@link #runAcross}); the API's
 * {@code SocketQuery} and entries are mapped on the api's side, so that this package does not know the API it
 * serves. One thread at a time, as the engine.
 */
public final class QueryRunner {
    private final ProcPaths paths = ProcPaths.system();
    private final InterfaceNames interfaces = new InterfaceNames();
    private final ServiceNames services = new ServiceNames(Path.of("/etc/services"),
            paths.resolve(ProcNetFile.IP_LOCAL_PORT_RANGE));
    private final SystemNames names = new SystemNames(interfaces, MountTable.PROC);
    private final QueryEngine engine = new QueryEngine(paths, WarningSink.IGNORE);

    /**
     * Checks that a sock_diag socket can be opened: {@link QueryEngine#probe()}.
     *
     * @throws QueryFailedException when none can, saying why
     */
    public static QueryRunner open() throws QueryFailedException {
        QueryEngine.probe();
        return new QueryRunner();
    }

    private QueryRunner() {
    }

    /** The names the entries carry, from this machine. */
    public EntryNames names() {
        return names;
    }

    /**
     * A filter expression, compiled as the command compiles it. Where the kernel would not run its program the
     * dump simply goes without one and the user-space test alone decides (the library's
     * {@code FallbackPolicy.KERNEL_FIRST}), which is correct for every expression; the program only saves copying
     * sockets the test would drop.
     *
     * @param tables the tables the query lists ({@code SocketTable} bits): a bare port means TCP's or UDP's
     */
    public CompiledFilter compile(String expression, int preferredFamily, int tables) throws FilterSyntaxException {
        ParseContext context = new ParseContext(preferredFamily, SocketTable.TCP.in(tables),
                SocketTable.UDP.in(tables), new SystemFilterEnvironment(interfaces, services, MountTable.PROC));
        return CompiledFilter.compile(List.of(expression), null, context, EphemeralPorts.read(paths), false);
    }

    /**
     * Who holds each socket: the engine's owner join, whose scan the next run starts when its query wants owners
     * ({@code Query.Owners.all}), or none.
     *
     * @param requested whether owners were asked for
     */
    public OwnerResolver owners(boolean requested) {
        if (!requested) {
            return OwnerResolver.notRequested();
        }
        // The engine's join: its scan starts with the run and is over before the kernel is asked.
        return OwnerResolver.of(engine.owners()::owners, EffectiveUser.uid());
    }

    /**
     * Hands each socket the query selects to {@code action}, in ss's order. A table neither the kernel nor
     * {@code /proc/net} has here (SCTP without its module) is left out; any other failure ends the query.
     */
    public void run(Query query, Consumer<? super SocketRecord> action) throws QueryFailedException {
        engine.run(query, action::accept, TableFailures.skippingMissingTables());
    }

    /**
     * Hands each socket the query selects in every network namespace of the host to {@code action}, as
     * {@code mapping} made it, namespace after namespace in the order {@link Discovery#namespaces()} gives (the
     * calling thread's own first), each in ss's order as {@link #run} gives it; tables are left out or end the
     * query as there. Each namespace is read on a thread inside it ({@link QueryEngine#runAcross}), where
     * {@code mapping} is asked for it; {@code action} is called on the calling thread, one value at a time, which
     * never changes namespace. What throws out of {@code action} ends the run and is rethrown, once the threads
     * are done.
     *
     * <p>A namespace that cannot be entered is left out and named in the answer; one that disappears before it is
     * entered is left out in silence. Nothing is printed: what discovery and the workload lookup would warn
     * about is dropped, as the engine's warnings are.
     *
     * @return what was found and not listed
     * @throws QueryFailedException when a table of a namespace failed for a reason other than being absent
     */
    public <T> NamespacesNotListed runAcross(Query query, NamespaceMapping<T> mapping, Consumer<? super T> action)
            throws QueryFailedException {
        // On the calling thread: "current" is its namespace, which the threads made from here start in too.
        Discovery found = new NamespaceDiscovery(Path.of("/proc"), NetworkNamespace.RUN_DIRECTORY,
                WarningSink.IGNORE).discover();
        List<NamespaceTarget> targets = NamespaceTarget.of(found.namespaces());
        // One resolver per run: it walks the cgroup2 mount once, and a later run should see cgroups made since.
        WorkloadResolver resolver = WorkloadResolver.of(MountTable.PROC, Path.of("/"), WarningSink.IGNORE);
        SocketWorkloads workloads = new SocketWorkloads(resolver,
                query.owners().wanted() ? engine.owners()::owners : null);
        CallerThreadHandoff<T> handoff = new CallerThreadHandoff<>();
        NamespacesToCaller<T> sink = new NamespacesToCaller<>(names, workloads, mapping, handoff);
        // The engine's run blocks until every namespace is done, so it has a thread of its own while this one
        // takes the values; a platform thread, so that the namespace threads it starts begin in this namespace.
        Thread reader = Thread.ofPlatform().daemon().name("sockscope-netns-run").start(() -> {
            Throwable failure = null;
            try {
                engine.runAcross(query, targets, sink);
            } catch (RuntimeException | Error e) {
                failure = e;
            } finally {
                handoff.end(failure);
            }
        });
        Throwable failure;
        try {
            failure = handoff.drainTo(action);
        } finally {
            Threads.joinUninterruptibly(reader);
        }
        switch (failure) {
            case null -> {
            }
            case NamespacesToCaller.TableFailed e -> throw e.failure();
            case RuntimeException e -> throw e;
            case Error e -> throw e;
            default -> throw new IllegalStateException(failure);
        }
        return new NamespacesNotListed(sink.notEntered(), found.unreadableProcesses());
    }
}
