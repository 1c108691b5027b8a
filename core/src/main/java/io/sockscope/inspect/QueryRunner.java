package io.sockscope.inspect;

import io.sockscope.api.Family;
import io.sockscope.api.InvalidFilterException;
import io.sockscope.api.PermissionDeniedException;
import io.sockscope.api.Protocol;
import io.sockscope.api.SocketDumpException;
import io.sockscope.api.SocketEntry;
import io.sockscope.api.SocketQuery;
import io.sockscope.api.SocketState;
import io.sockscope.filter.CompiledFilter;
import io.sockscope.filter.FilterSyntaxException;
import io.sockscope.filter.ParseContext;
import io.sockscope.kernel.Errno;
import io.sockscope.kernel.InterfaceNames;
import io.sockscope.kernel.NetlinkException;
import io.sockscope.model.AddressFamily;
import io.sockscope.model.SocketTable;
import io.sockscope.model.TcpState;
import io.sockscope.names.MountTable;
import io.sockscope.names.ServiceNames;
import io.sockscope.query.FallbackPolicy;
import io.sockscope.query.Query;
import io.sockscope.query.QueryEngine;
import io.sockscope.source.ProcNetFile;
import io.sockscope.source.DumpKind;
import io.sockscope.source.ProcPaths;
import io.sockscope.source.SourceException;
import io.sockscope.source.TableUnavailableException;
import io.sockscope.source.WarningSink;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs library queries: the same dump plan, sources, filter and owner scan as the CLI, driven by a
 * {@link SocketQuery} instead of a command line. A table the kernel has no diag module for comes from {@code /proc/net}, as in ss;
 * a table neither can read (SCTP without its module) is left out. Keeps the name tables between queries.
 */
public final class QueryRunner {
    private final ProcPaths paths = ProcPaths.system();
    private final InterfaceNames interfaces = new InterfaceNames();
    private final ServiceNames services = new ServiceNames(Path.of("/etc/services"),
            paths.resolve(ProcNetFile.IP_LOCAL_PORT_RANGE));
    private final SystemNames names = new SystemNames(interfaces, MountTable.PROC);
    private final QueryEngine engine = new QueryEngine(paths, WarningSink.IGNORE);

    /** Lists what {@code query} selects, in ss's order, to {@code action}. */
    public void run(SocketQuery query, Consumer<? super SocketEntry> action) {
        int tables = 0;
        for (Protocol p : query.protocols()) {
            tables |= EntryMapper.table(p).bit();
        }
        int states = 0;
        for (SocketState s : query.states()) {
            if (s != SocketState.UNKNOWN) {
                states |= 1 << s.code();
            }
        }
        long families = 0;
        for (Family f : query.families()) {
            families |= AddressFamily.mask(familyNumber(f));
        }
        int preferred = AddressFamily.UNSPEC;
        if (query.families().contains(Family.INET) != query.families().contains(Family.INET6)) {
            preferred = query.families().contains(Family.INET) ? AddressFamily.INET : AddressFamily.INET6;
        }
        CompiledFilter filter = compile(query.filter(), preferred, tables);
        EntryMapper mapper = new EntryMapper(
                new EntryMapper.Details(true, query.memory(), query.tcpInfo(), true, false,
                        query.inetSocketOptions()), names, owners(query));
        Query engineQuery = new Query(tables, states & TcpState.ALL, families, preferred, filter,
                new Query.Attributes(query.memory(), query.tcpInfo(), false, query.inetSocketOptions(), true),
                FallbackPolicy.KERNEL_FIRST, false,
                query.owners() ? Query.Owners.all(query.threads()) : Query.Owners.NONE);
        engine.run(engineQuery, socket -> action.accept(mapper.map(socket)), (kind, e) -> {
            if (!(e instanceof TableUnavailableException)) {
                throw translate(kind, e);
            }
            // Neither the kernel nor /proc/net has this table here (ss lists nothing for it either).
        });
    }

    private static RuntimeException translate(DumpKind kind, SourceException e) {
        Throwable cause = e.getCause();
        String what = "dump of " + kind.name().toLowerCase(java.util.Locale.ROOT) + " sockets failed: " + e.getMessage();
        if (cause instanceof NetlinkException n && (n.errno() == Errno.EPERM || n.errno() == Errno.EACCES)) {
            return new PermissionDeniedException(what, e);
        }
        return new SocketDumpException(what, e);
    }

    private static int familyNumber(Family f) {
        return switch (f) {
            case INET -> AddressFamily.INET;
            case INET6 -> AddressFamily.INET6;
            case UNIX -> AddressFamily.UNIX;
            case PACKET -> AddressFamily.PACKET;
            case NETLINK -> AddressFamily.NETLINK;
        };
    }

    private OwnerResolver owners(SocketQuery query) {
        if (!query.owners()) {
            return OwnerResolver.notRequested();
        }
        // The engine's join: its scan starts with the run and is over before the kernel is asked.
        return OwnerResolver.of(engine.owners()::owners, EffectiveUser.uid());
    }

    /**
     * A query's filter, compiled as the command compiles it. Where the kernel would not run its program the
     * dump simply goes without one and the user-space test alone decides, which is correct for every
     * expression; the program only saves copying sockets the test would drop.
     */
    private CompiledFilter compile(String expression, int preferredFamily, int tables) {
        if (expression == null) {
            return CompiledFilter.NONE;
        }
        try {
            ParseContext context = new ParseContext(preferredFamily, SocketTable.TCP.in(tables),
                    SocketTable.UDP.in(tables), new SystemFilterEnvironment(interfaces, services,
                    MountTable.PROC));
            return CompiledFilter.compile(List.of(expression), null, context, EphemeralPorts.read(paths), false);
        } catch (FilterSyntaxException e) {
            throw new InvalidFilterException(expression, Math.min(e.offset(), expression.length()), e.reason(), e);
        }
    }
}
