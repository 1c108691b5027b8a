package io.sockscope.api;

import io.sockscope.api.internal.ApiValues;
import io.sockscope.api.internal.EntryMapper;
import io.sockscope.filter.CompiledFilter;
import io.sockscope.filter.FilterSyntaxException;
import io.sockscope.inspect.NamespacesNotListed;
import io.sockscope.inspect.QueryRunner;
import io.sockscope.model.Netns;
import io.sockscope.query.Query;
import io.sockscope.query.QueryFailedException;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Reads the kernel's socket tables of the network namespace the calling thread is in, or of every network
 * namespace on the host ({@link SocketQuery.Builder#allNamespaces()}), over sock_diag netlink. Open one, run as
 * many queries as needed, close it:
 *
 * <pre>{@code
 * try (SocketInspector inspector = SocketInspector.open()) {
 *     for (SocketEntry s : inspector.list(SocketQuery.tcpListeners())) {
 *         if (s instanceof InetSocketEntry l && l.local().wildcard()) {
 *             System.out.println(l.local().port() + " is open to every address, held by " + l.owners());
 *         }
 *     }
 * }
 * }</pre>
 *
 * <p>Each query is a fresh dump: what it returns is the kernel's state at that moment, never a cache. The
 * inspector keeps what does not change between queries (the name tables, the parsed services file). An
 * instance may be used by one thread at a time; queries need no privilege, except that owners of other users'
 * sockets are visible to root only ({@link OwnerStatus#NOT_PERMITTED}). The JVM must allow native access to
 * this module ({@code --enable-native-access=io.sockscope}, or {@code ALL-UNNAMED} on the class path).
 */
public final class SocketInspector implements AutoCloseable {
    static {
        // The mapping in api.internal makes its values through this (ApiValues.get() initializes this class
        // first): the records are package-private, and this class is the package's door.
        ApiValues.install(new RecordValues());
    }

    private final QueryRunner runner;
    private boolean closed;
    private SkippedNamespaces skipped = SkippedNamespacesRecord.NONE;

    private SocketInspector(QueryRunner runner) {
        this.runner = runner;
    }

    /**
     * Opens an inspector, first checking that a sock_diag socket can be opened.
     *
     * @return an open inspector
     * @throws NetlinkUnavailableException when it cannot (no native access, no netlink, a refused socket)
     */
    public static SocketInspector open() {
        if (!SocketInspector.class.getModule().isNativeAccessEnabled()) {
            throw new NetlinkUnavailableException("native access is not enabled for "
                    + describe(SocketInspector.class.getModule())
                    + ": run java with --enable-native-access=" + accessName(SocketInspector.class.getModule()), null);
        }
        try {
            return new SocketInspector(QueryRunner.open());
        } catch (QueryFailedException e) {
            throw FailureMapping.of(e);
        }
    }

    private static String describe(Module module) {
        return module.isNamed() ? "module " + module.getName() : "the class path";
    }

    private static String accessName(Module module) {
        return module.isNamed() ? module.getName() : "ALL-UNNAMED";
    }

    /**
     * Every socket the query selects, in ss's order (netlink, packet, unix, raw, udp, tcp…; within a table as
     * the kernel lists them); across namespaces, one namespace after the other in the order
     * {@link SocketQuery.Builder#allNamespaces()} gives, each in ss's order.
     *
     * @param query what to list
     * @return the sockets, in a new list
     * @throws InvalidFilterException     when the query's filter expression is not valid
     * @throws PermissionDeniedException  when the kernel refused the dump
     * @throws SocketDumpException        when a dump failed part-way
     */
    public List<SocketEntry> list(SocketQuery query) {
        List<SocketEntry> out = new ArrayList<>();
        forEach(query, out::add);
        return out;
    }

    /**
     * Hands each socket the query selects to {@code action} as it is decoded, in the order of
     * {@link #list(SocketQuery)}, without collecting them: the memory this takes does not grow with the number of
     * sockets (except for the owner index, with owners; across namespaces, also the sockets of the namespaces
     * read ahead of their turn). Throws what {@link #list(SocketQuery)} throws, and whatever {@code action}
     * throws, which ends the query.
     *
     * <p>{@code action} is called on the calling thread, one socket at a time, even across namespaces: there the
     * namespaces are read on threads of the library's that entered them, and their entries are handed over, so
     * that what {@code action} does (open a connection, say) happens in the caller's namespace.
     *
     * @param query  what to list
     * @param action what to do with each socket, on the calling thread
     */
    public void forEach(SocketQuery query, Consumer<? super SocketEntry> action) {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(action, "action");
        if (closed) {
            throw new IllegalStateException("this inspector is closed");
        }
        skipped = SkippedNamespacesRecord.NONE;
        // A bad expression fails before any work; owners are scanned before the dumps, as ss reads /proc for -p
        // before it asks for the sockets.
        CompiledFilter filter = compile(query);
        EntryMapper mapper = new EntryMapper(QueryMapping.details(query), runner.names(),
                runner.owners(query.owners()));
        Query engineQuery = QueryMapping.of(query, filter);
        try {
            if (query.allNamespaces()) {
                NamespacesNotListed notListed = runner.runAcross(engineQuery,
                        (netns, names, workloads) -> mapper.inNamespace(netns, names, workloads)::map, action);
                skipped = skipped(notListed);
            } else {
                runner.run(engineQuery, socket -> action.accept(mapper.map(socket)));
            }
        } catch (QueryFailedException e) {
            throw FailureMapping.of(e);
        }
    }

    /**
     * {@return what the last query of this inspector found and could not list} Only a query across namespaces
     * ({@link SocketQuery.Builder#allNamespaces()}) skips anything: after any other, before the first, and after
     * a query that threw, nothing is skipped ({@link SkippedNamespaces#isEmpty()}). Like the queries, for the
     * one thread that uses the inspector.
     */
    public SkippedNamespaces skippedNamespaces() {
        return skipped;
    }

    private static SkippedNamespaces skipped(NamespacesNotListed notListed) {
        List<NetworkNamespace> notEntered = new ArrayList<>(notListed.notEntered().size());
        for (Netns n : notListed.notEntered()) {
            notEntered.add(new NetworkNamespaceRecord(n.inode(), n.name(), n.pidsSample()));
        }
        return new SkippedNamespacesRecord(notEntered, notListed.unreadableProcesses());
    }

    private CompiledFilter compile(SocketQuery query) {
        String expression = query.filter();
        if (expression == null) {
            return CompiledFilter.NONE;
        }
        try {
            return runner.compile(expression, QueryMapping.preferredFamily(query), QueryMapping.tables(query));
        } catch (FilterSyntaxException e) {
            throw new InvalidFilterException(expression, Math.min(e.offset(), expression.length()), e.reason(), e);
        }
    }

    /** Ends the inspector; later queries throw {@link IllegalStateException}. */
    @Override
    public void close() {
        closed = true;
    }
}
