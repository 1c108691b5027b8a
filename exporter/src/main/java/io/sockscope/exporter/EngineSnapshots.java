package io.sockscope.exporter;

import io.sockscope.attribution.SocketWorkloads;
import io.sockscope.attribution.WorkloadResolver;
import io.sockscope.export.MetricsModel;
import io.sockscope.export.MetricsSnapshot;
import io.sockscope.export.SeriesCaps;
import io.sockscope.export.SeriesPlace;
import io.sockscope.filter.CompiledFilter;
import io.sockscope.kernel.NetworkNamespace;
import io.sockscope.model.AddressFamily;
import io.sockscope.model.InetSocket;
import io.sockscope.model.LimitsProvider;
import io.sockscope.model.Netns;
import io.sockscope.model.SocketTable;
import io.sockscope.model.TcpState;
import io.sockscope.model.WarningSink;
import io.sockscope.names.MountTable;
import io.sockscope.netns.Discovery;
import io.sockscope.netns.NamespaceDiscovery;
import io.sockscope.procmap.ProcLimits;
import io.sockscope.query.FallbackPolicy;
import io.sockscope.query.NamespaceSink;
import io.sockscope.query.NamespaceTarget;
import io.sockscope.query.NotEntered;
import io.sockscope.query.Query;
import io.sockscope.query.QueryEngine;
import io.sockscope.source.DumpKind;
import io.sockscope.source.ProcPaths;
import io.sockscope.source.SocketSink;
import io.sockscope.source.SourceException;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Snapshots through the query engine: one dump of every table {@code ss -a} lists by default but netlink (TCP,
 * UDP, raw, unix, packet) with owners, in this network namespace or, with {@code allNamespaces}, in every one the
 * host has (each socket then placed by its namespace and its owner's container, pod and unit). When the dump
 * holds CLOSE-WAIT sockets, a second dump of those alone asks for {@code tcp_info}, whose time since the last ACK
 * dates them: asking it of every socket would make each scrape a quarter heavier.
 *
 * <p>A table that cannot be read is warned about once and left out; a snapshot fails only when nothing could be
 * read at all. One snapshot at a time ({@link SharedSnapshots} sees to it).
 */
public final class EngineSnapshots implements SnapshotSource, AutoCloseable {
    /** What {@code ss -a} lists with no table option, netlink sockets aside (they have no state worth a series). */
    static final int TABLES = SocketTable.TCP.bit() | SocketTable.UDP.bit() | SocketTable.RAW.bit()
            | SocketTable.UNIX_STREAM.bit() | SocketTable.UNIX_DGRAM.bit() | SocketTable.UNIX_SEQPACKET.bit()
            | SocketTable.PACKET_RAW.bit() | SocketTable.PACKET_DGRAM.bit();
    private static final long FAMILIES = AddressFamily.mask(AddressFamily.INET) | AddressFamily.mask(AddressFamily.INET6)
            | AddressFamily.mask(AddressFamily.UNIX) | AddressFamily.mask(AddressFamily.PACKET);
    private static final Query TABLE = new Query(TABLES, TcpState.ALL, FAMILIES, AddressFamily.UNSPEC,
            CompiledFilter.NONE, Query.Attributes.NONE, FallbackPolicy.SS, false, Query.Owners.all(false));
    private static final Query CLOSE_WAIT_AGES = new Query(SocketTable.TCP.bit(), TcpState.bit(TcpState.CLOSE_WAIT),
            FAMILIES, AddressFamily.UNSPEC, CompiledFilter.NONE,
            new Query.Attributes(false, true, false, false, false), FallbackPolicy.SS, false, Query.Owners.NONE);

    private final QueryEngine engine;
    /** The CLOSE-WAIT dump's own engine: the table's keeps its owners for the model to look up afterwards. */
    private final QueryEngine closeWaitEngine;
    private final MetricsModel model;
    private final LimitsProvider limits;
    private final NamespaceDiscovery discovery;
    private final SocketWorkloads workloads;
    private final WarningSink warnings;
    private final LongSupplier clock;
    private final Set<String> toldFailures = new HashSet<>();

    /**
     * @param allNamespaces read every network namespace (needs the privilege to enter them), labelling by place
     * @param root          where the container runtimes' files are read ({@code /} on the host itself)
     */
    public EngineSnapshots(ProcPaths paths, SeriesCaps caps, boolean allNamespaces, Path root, WarningSink warnings,
                           LongSupplier clock) {
        this.engine = new QueryEngine(paths, warnings);
        this.closeWaitEngine = new QueryEngine(paths, warnings);
        this.model = new MetricsModel(caps);
        this.limits = new ProcLimits(paths.procRoot());
        this.discovery = allNamespaces
                ? new NamespaceDiscovery(Path.of("/proc"), NetworkNamespace.RUN_DIRECTORY, warnings) : null;
        this.workloads = allNamespaces
                ? new SocketWorkloads(WorkloadResolver.of(MountTable.PROC, root, warnings),
                inode -> engine.owners().owners(inode))
                : null;
        this.warnings = warnings;
        this.clock = clock;
    }

    @Override
    public MetricsSnapshot take() throws SnapshotException {
        // Counted as the dump streams (the owners are known before the first socket comes): nothing per socket is
        // kept, so a scrape of 95,000 sockets holds no more than one of 100.
        MetricsModel.Tally tally = model.begin(clock.getAsLong(), inode -> engine.owners().owners(inode));
        int[] failed = {0};
        try {
            if (discovery == null) {
                engine.run(TABLE, socket -> tally.add(socket, SeriesPlace.NONE), (kind, e) -> {
                    failed[0]++;
                    tableFailed(null, kind, e);
                });
            } else {
                readAcross(tally);
            }
        } catch (RuntimeException e) {
            throw new SnapshotException("reading the socket table: " + e.getMessage(), e);
        }
        if (failed[0] == TABLE.plan().size()) {
            throw new SnapshotException("no socket table could be read (see the warnings)", null);
        }
        // Across namespaces the first sighting dates them: a second pass through every namespace is not worth it.
        Map<Long, Long> idle = discovery == null && tally.sawCloseWait() ? closeWaitIdle() : Map.of();
        return tally.finish(limits, discovery != null, cookie -> idle.getOrDefault(cookie, -1L));
    }

    /** The time since each CLOSE-WAIT socket last received an ACK, by cookie. */
    private Map<Long, Long> closeWaitIdle() {
        Map<Long, Long> idle = new HashMap<>();
        closeWaitEngine.run(CLOSE_WAIT_AGES, socket -> {
            if (socket instanceof InetSocket inet && inet.details() != null && inet.details().tcpInfo() != null) {
                idle.put(inet.cookie(), Integer.toUnsignedLong(inet.details().tcpInfo().lastAckRecv()));
            }
        }, (kind, e) -> tableFailed(null, kind, e));
        return idle;
    }

    private void readAcross(MetricsModel.Tally tally) {
        try {
            engine.runAcross(TABLE, () -> {
                Discovery d = discovery.discover();
                return NamespaceTarget.of(d.namespaces());
            }, new NamespaceSink() {
                @Override
                public SocketSink started(Netns netns) {
                    return socket -> tally.add(socket, SeriesPlace.of(netns, workloads.apply(socket)));
                }

                @Override
                public void tableFailed(Netns netns, DumpKind kind, SourceException failure) {
                    EngineSnapshots.this.tableFailed(netns, kind, failure);
                }

                @Override
                public void ended(Netns netns) {
                }

                @Override
                public void notEntered(Netns netns, NotEntered failure) {
                    if (toldFailures.add("enter:" + netns.inode())) {
                        warnings.warn(netns.label() + ": not read: " + failure.message());
                    }
                }
            });
        } catch (UncheckedIOException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e);
        }
    }

    private void tableFailed(Netns netns, DumpKind kind, SourceException failure) {
        String where = netns == null ? "" : netns.label() + ": ";
        if (toldFailures.add(where + kind)) {
            warnings.warn(where + failure.getMessage());
        }
    }

    @Override
    public void close() {
        engine.close();
        closeWaitEngine.close();
    }
}
