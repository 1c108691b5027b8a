package io.sockscope.cli;

import io.sockscope.inspect.EffectiveUser;
import io.sockscope.inspect.EphemeralPorts;
import io.sockscope.inspect.SystemFilterEnvironment;
import io.sockscope.kernel.Errno;
import io.sockscope.kernel.InterfaceNames;
import io.sockscope.kernel.TerminalWidth;
import io.sockscope.model.SocketSummary;
import io.sockscope.model.WarningSink;
import io.sockscope.names.CgroupPaths;
import io.sockscope.names.HostNames;
import io.sockscope.names.MountTable;
import io.sockscope.names.NetlinkProtocolNames;
import io.sockscope.names.ProcessNames;
import io.sockscope.names.ProtocolNames;
import io.sockscope.names.ServiceNames;
import io.sockscope.query.FallbackPolicy;
import io.sockscope.query.Query;
import io.sockscope.query.QueryEngine;
import io.sockscope.render.ExtendedOutput;
import io.sockscope.render.ListingFormat;
import io.sockscope.render.NameLookups;
import io.sockscope.render.OwnerLookup;
import io.sockscope.render.SsListingWriter;
import io.sockscope.render.SummaryWriter;
import io.sockscope.source.ProcNetFile;
import io.sockscope.source.ProcPaths;
import io.sockscope.source.ReplaySource;
import io.sockscope.source.SocketDestroyer;
import io.sockscope.source.SocketSummaryReader;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;

/** Runs an ss-style listing: plans the dumps, reads each from its source, and streams rows to stdout. */
final class ListingCommand {
    /** {@code -r}: how long one reverse lookup may take, and how many slow ones end the resolving. */
    private static final java.time.Duration RESOLVE_LIMIT = java.time.Duration.ofMillis(500);
    private static final int RESOLVE_TIMEOUTS_BEFORE_GIVING_UP = 3;
    /** The widest layout COLUMNS may ask for. */
    static final int MAX_COLUMNS = 4096;

    private final ListingOptions options;
    private final Map<String, String> environment;
    private final PrintStream err;
    private final ActionOptions actions;

    ListingCommand(ListingOptions options, Map<String, String> environment, PrintStream err) {
        this(options, environment, err, new ActionOptions(null, false, false, null));
    }

    /**
     * @param actions {@code -K} closes every inet socket listed ({@link QueryEngine}), {@code -E} follows
     *                destroy events instead of listing ({@link EventRows})
     */
    ListingCommand(ListingOptions options, Map<String, String> environment, PrintStream err, ActionOptions actions) {
        this.options = options;
        this.environment = environment;
        this.err = err;
        this.actions = actions;
    }

    int run(OutputStream stdout) throws IOException, UsageException {
        TableSelection sel = options.selection();
        if (actions.allNamespaces()) {
            refuseWhatNeedsOneNamespace();
        }
        if (options.summary()) {
            SocketSummary summary = new SocketSummaryReader(new ProcPaths(environment))
                    .read(message -> err.println("sockscope: " + message));
            SummaryWriter.write(summary, stdout);
            stdout.flush();
            if (options.summaryOnly()) {
                return 0;
            }
        }
        if (sel.tables == 0) {
            err.println("sockscope: no socket tables to show with such filter.");
            return 0;
        }
        if (sel.families == 0) {
            err.println("sockscope: no families to show with such filter.");
            return 0;
        }
        if (sel.states == 0) {
            err.println("sockscope: no socket states to show with such filter.");
            return 0;
        }
        ProcPaths paths = new ProcPaths(environment);
        InterfaceNames interfaces = new InterfaceNames();
        ServiceNames services = new ServiceNames(Path.of("/etc/services"),
                paths.resolve(ProcNetFile.IP_LOCAL_PORT_RANGE));
        // With -N NAME, ss sees the cgroup2 mount from a fresh /sys of its own: so must the filter and the paths.
        // ss has no -N pid:N or -N PATH: for those the host's /sys stays, and cgroup paths are the real ones.
        MountTable mounts = actions.namespaceByName() ? MountTable.PROC.afterNetnsSwitch() : MountTable.PROC;
        DeviceNamesNoted filterEnvironment = new DeviceNamesNoted(new SystemFilterEnvironment(interfaces, services,
                mounts));
        ListingFilter filter = ListingFilter.parse(options.expression(), options.filterFileText(), sel,
                filterEnvironment, EphemeralPorts.read(paths), EffectiveUser.isRoot(),
                options.dialect().readsPortsAsLong());
        if (actions.allNamespaces() && filterEnvironment.named() != null) {
            throw new UsageException("--all-netns cannot take an interface name in a filter (\""
                    + filterEnvironment.named() + "\"): each network namespace numbers its own interfaces", 1);
        }
        sel = filter.narrow(sel);
        actions.checkKillIsNarrowed(filter.narrowsInetSockets(), options.statesNarrowed());
        WarningSink warnings = message -> err.println("sockscope: warning: " + message);
        ExtendedOutput extended = options.extended();
        // What ss asks the kernel for: -m and -i set idiag_ext bits (and unix MEMINFO), --tos the TOS bits, -e the
        // unix VFS and pending-connection attributes; -b needs the packet attributes that -e keeps.
        Query query = new Query(sel.tables, sel.states, sel.families, sel.preferredFamily, filter.compiled(),
                new Query.Attributes(extended.memory(), extended.tcpInfo(), extended.tos(), extended.inetSockopt(),
                        extended.details() || extended.bpf()),
                FallbackPolicy.SS, actions.kill(),
                options.processes() || options.threads()
                        ? Query.Owners.asSs(options.threads(), OwnerScanChoice.from(environment)) : Query.Owners.NONE);
        String replayFile = environment.get(ReplaySource.ENVIRONMENT_VARIABLE);
        // The engine starts the owner scan as its run begins, once the listing is ready but for its netlink
        // channel, and asks the kernel for the sockets once the scan is over, as ss asks (QueryEngine#owners).
        QueryEngine engine = new QueryEngine(paths, replayFile == null ? null : Path.of(replayFile), warnings);
        OwnerLookup owners = query.owners().wanted() ? new JoinedOwners(engine.owners()) : null;
        // Resolver threads are daemons: an error that ends the listing early leaves nothing running.
        HostNames hosts = options.resolve() ? new HostNames(RESOLVE_LIMIT, RESOLVE_TIMEOUTS_BEFORE_GIVING_UP) : null;
        if (actions.allNamespaces()) {
            try (engine) {
                return AcrossNamespacesListing.run(engine, query, options, format(sel),
                        names(paths, interfaces, services, hosts, mounts), owners, mounts,
                        Path.of(actions.root() == null ? "/" : actions.root()), err, stdout);
            } finally {
                if (hosts != null) {
                    hosts.close();
                }
            }
        }
        RowWriter rows;
        if (options.format() == OutputFormat.SS) {
            SsListingWriter writer = new SsListingWriter(stdout, format(sel),
                    names(paths, interfaces, services, hosts, mounts), owners == null ? OwnerLookup.NONE : owners);
            if (options.header()) {
                writer.header();
            }
            if (actions.events()) {
                try (engine) {
                    return EventRows.follow(engine, query, writer, stdout);
                }
            }
            rows = RowWriter.of(writer);
        } else {
            rows = JsonRows.open(options, stdout, interfaces, owners, actions.namespace(), mounts);
        }
        boolean[] incomplete = {false};
        try (engine) {
            try {
                engine.run(query, socket -> {
                    try {
                        rows.write(socket);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }, (kind, e) -> {
                    // ss lists the other tables and still exits 0 when one cannot be read. A JSON consumer has
                    // no stderr to read: the document holds what was read, and the exit status says it is not all.
                    err.println("sockscope: " + e.getMessage());
                    incomplete[0] = true;
                });
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            rows.finish();
            throwIfKillFailed(engine.killFailure());
        }
        if (hosts != null) {
            hosts.close();
        }
        return incomplete[0] && options.format() != OutputFormat.SS ? 1 : 0;
    }

    /**
     * {@code --all-netns} reads live kernels, each in its own namespace: {@code -s} sums up one namespace's
     * counters, and a {@code TCPDIAG_FILE} replay describes one namespace's TCP sockets.
     */
    private void refuseWhatNeedsOneNamespace() throws UsageException {
        if (options.summary()) {
            throw new UsageException("--all-netns cannot be combined with -s, whose counters are one network"
                    + " namespace's", 1);
        }
        if (environment.get(ReplaySource.ENVIRONMENT_VARIABLE) != null) {
            throw new UsageException("--all-netns reads every namespace's kernel: $"
                    + ReplaySource.ENVIRONMENT_VARIABLE + " replays one namespace's TCP sockets", 1);
        }
    }

    /**
     * Ends the command with the {@code -K} refusal, if there was one: ss's message, and what it means when the
     * kernel said {@code EPERM}.
     */
    private static void throwIfKillFailed(SocketDestroyer.DestroyFailedException failure) throws UsageException {
        if (failure == null) {
            return;
        }
        String hint = failure.errno() == Errno.EPERM ? " (closing sockets needs CAP_NET_ADMIN)" : "";
        throw new UsageException(failure.getMessage() + hint, 1);
    }

    private ListingFormat format(TableSelection sel) {
        boolean severalTables = Integer.bitCount(sel.tables) > 1;
        boolean severalStates = Integer.bitCount(sel.states) > 1;
        int terminalColumns = TerminalWidth.of(1);
        // Like ls: names' control bytes are escaped for a terminal, which would obey them, and left as ss prints
        // them for a pipe or a file, where byte-identical output is the point.
        boolean stdoutIsTerminal = terminalColumns > 0 || TerminalWidth.isTerminal(1);
        return new ListingFormat(severalTables, severalStates, options.header(), options.numeric(),
                options.processes(), options.threads(), screenWidth(terminalColumns), options.extended(),
                options.controlChars().escape(stdoutIsTerminal)).inDialect(options.dialect(), options.queues());
    }

    /** The terminal's width, else {@code COLUMNS}, else -1 (compact). */
    private int screenWidth(int terminalColumns) {
        if (terminalColumns > 0) {
            return terminalColumns;
        }
        String columns = environment.get("COLUMNS");
        if (columns != null) {
            try {
                int c = Integer.parseInt(columns.trim());
                // A width past any screen only pads every line with blanks: COLUMNS=2147483647 would turn a
                // few sockets into gigabytes.
                return c > 0 ? Math.min(c, MAX_COLUMNS) : -1;
            } catch (NumberFormatException e) {
                return -1;
            }
        }
        return -1;
    }

    private static NameLookups names(ProcPaths paths, InterfaceNames interfaces, ServiceNames services,
                                     HostNames hosts, MountTable mounts) {
        return new NameLookups(
                services,
                new ProtocolNames(Path.of("/etc/protocols")),
                new NetlinkProtocolNames(Path.of("/etc/iproute2/nl_protos")),
                new ProcessNames(paths.procRoot()),
                interfaces::name,
                new CgroupPaths(mounts),
                hosts);
    }
}
