package io.sockscope.diagnose.system;

import io.sockscope.attribution.SocketWorkloads;
import io.sockscope.attribution.WorkloadResolver;
import io.sockscope.diagnose.LocalAddress;
import io.sockscope.diagnose.NamespaceProvider;
import io.sockscope.diagnose.OtherNamespace;
import io.sockscope.diagnose.OtherNamespaces;
import io.sockscope.diagnose.ProviderException;
import io.sockscope.diagnose.Transport;
import io.sockscope.filter.CompiledFilter;
import io.sockscope.model.AddressFamily;
import io.sockscope.model.InetSocket;
import io.sockscope.model.Netns;
import io.sockscope.model.Owner;
import io.sockscope.model.SocketTable;
import io.sockscope.model.TcpState;
import io.sockscope.model.WarningSink;
import io.sockscope.model.Workload;
import io.sockscope.names.MountTable;
import io.sockscope.netns.DiscoveredNamespace;
import io.sockscope.netns.Discovery;
import io.sockscope.netns.NamespaceDiscovery;
import io.sockscope.query.NamespaceSink;
import io.sockscope.query.NotEntered;
import io.sockscope.query.FallbackPolicy;
import io.sockscope.query.NamespaceTarget;
import io.sockscope.query.OwnerJoin;
import io.sockscope.query.Query;
import io.sockscope.query.QueryEngine;
import io.sockscope.source.DumpKind;
import io.sockscope.source.ProcPaths;
import io.sockscope.source.SocketSink;
import io.sockscope.source.SourceException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The other network namespaces of the live system: found by {@link NamespaceDiscovery} (processes, names under
 * {@code /run/netns}, nsfs mounts, held descriptors), each read by {@link QueryEngine#runAcross} on a platform
 * thread that entered it — its listening sockets, and, on that same thread, its interfaces and addresses
 * ({@link NetlinkInterfaces}) — with one owner scan for all (a socket's inode is unique host-wide), and the
 * workload of each listener by the rule of every listing across namespaces ({@link SocketWorkloads}: its cgroup
 * id, else its first owner's process). The namespace of the calling thread is left out: it is the one the doctor
 * examines.
 */
public final class LiveNamespaces implements NamespaceProvider {
    /** Where iproute2 names namespaces ({@code ip netns add}). */
    private static final Path RUN_NETNS = Path.of("/run/netns");

    private final ProcPaths paths;
    private final WarningSink warnings;

    /**
     * Nothing is read until {@link #others} is asked: most diagnoses never look past their own namespace.
     *
     * @param paths    where {@code /proc} is
     * @param warnings where skipped data is reported
     */
    public LiveNamespaces(ProcPaths paths, WarningSink warnings) {
        this.paths = paths;
        this.warnings = warnings;
    }

    @Override
    public OtherNamespaces others(Transport transport) throws ProviderException {
        // The host's own /proc: the namespaces of every process, whatever PROC_ROOT says of the socket tables.
        Discovery found = new NamespaceDiscovery(Path.of("/proc"), RUN_NETNS, warnings).discover();
        WorkloadResolver workloads = WorkloadResolver.of(MountTable.PROC, Path.of("/"), warnings);
        List<NamespaceTarget> targets = new ArrayList<>();
        for (DiscoveredNamespace n : found.namespaces()) {
            if (!n.current()) {
                targets.add(new NamespaceTarget(n.netns(), n.entry(), false));
            }
        }
        Reader reader;
        try (QueryEngine engine = new QueryEngine(paths, warnings)) {
            reader = new Reader(engine.owners());
            if (!targets.isEmpty()) {
                engine.runAcross(listeners(transport), targets, reader);
            }
        } catch (RuntimeException e) {
            // The owner scan's failure is rethrown by its first lookup.
            throw new ProviderException("cannot read the other network namespaces: " + e.getMessage(), e);
        }
        List<OtherNamespace> read = new ArrayList<>();
        for (Reader.Read r : reader.read) {
            // The rule every listing across namespaces follows: the socket's cgroup, else its first owner's.
            SocketWorkloads rule = new SocketWorkloads(workloads, inode -> r.owners.getOrDefault(inode, List.of()));
            Map<Long, Workload> byInode = new HashMap<>();
            for (InetSocket s : r.listeners) {
                Workload w = rule.apply(s);
                if (!w.isEmpty()) {
                    byInode.put(s.inode(), w);
                }
            }
            read.add(new OtherNamespace(r.netns, r.addresses, r.names, r.listeners, r.owners, byInode));
        }
        return new OtherNamespaces(read, reader.notEntered, limitation(reader, found));
    }

    private static String limitation(Reader reader, Discovery found) {
        List<String> parts = new ArrayList<>();
        if (reader.firstFailure != null) {
            parts.add(reader.firstFailure);
        }
        if (found.unreadableProcesses() > 0) {
            parts.add(found.unreadableProcesses() + " processes could not be read (not root): namespaces only they"
                    + " are in were not found");
        }
        return parts.isEmpty() ? null : String.join("; ", parts);
    }

    /** The listening sockets of {@code transport}, both families, with owners: one scan for every namespace. */
    private static Query listeners(Transport transport) {
        SocketTable table = transport == Transport.TCP ? SocketTable.TCP : SocketTable.UDP;
        // A listening UDP socket is one bound and not connected: the kernel's CLOSE state.
        int states = TcpState.bit(transport == Transport.TCP ? TcpState.LISTEN : TcpState.CLOSE);
        return new Query(table.bit(), states,
                AddressFamily.mask(AddressFamily.INET) | AddressFamily.mask(AddressFamily.INET6), AddressFamily.UNSPEC,
                CompiledFilter.NONE, Query.Attributes.NONE, FallbackPolicy.SS, false, Query.Owners.all(false));
    }

    /**
     * Keeps what each namespace hands on. Every call about a namespace comes on a thread inside it, one namespace
     * after the other: its interfaces are read there, when its sockets are over.
     */
    private static final class Reader implements NamespaceSink {
        /** One namespace as read. */
        private static final class Read {
            final Netns netns;
            final List<InetSocket> listeners = new ArrayList<>();
            final Map<Long, List<Owner>> owners = new HashMap<>();
            List<LocalAddress> addresses = List.of();
            Map<Integer, String> names = Map.of();

            Read(Netns netns) {
                this.netns = netns;
            }
        }

        private final OwnerJoin join;
        final List<Read> read = new ArrayList<>();
        private final Map<Netns, Read> current = new LinkedHashMap<>();
        int notEntered;
        String firstFailure;

        Reader(OwnerJoin join) {
            this.join = join;
        }

        @Override
        public SocketSink started(Netns netns) {
            Read r = new Read(netns);
            current.put(netns, r);
            return socket -> {
                if (socket instanceof InetSocket s) {
                    r.listeners.add(s);
                    List<Owner> owners = join.owners(s.inode());
                    if (!owners.isEmpty()) {
                        r.owners.put(s.inode(), owners);
                    }
                }
            };
        }

        @Override
        public void tableFailed(Netns netns, DumpKind kind, SourceException failure) {
            if (firstFailure == null) {
                firstFailure = netns.label() + ": " + failure.getMessage();
            }
        }

        @Override
        public void ended(Netns netns) {
            Read r = current.remove(netns);
            try {
                // On this namespace's thread: rtnetlink answers for the namespace the thread is in.
                NetlinkInterfaces interfaces = new NetlinkInterfaces();
                r.addresses = interfaces.addresses();
                r.names = interfaces.names();
            } catch (ProviderException e) {
                if (firstFailure == null) {
                    firstFailure = netns.label() + ": interfaces: " + e.getMessage();
                }
            }
            read.add(r);
        }

        @Override
        public void notEntered(Netns netns, NotEntered failure) {
            notEntered++;
            if (firstFailure == null) {
                firstFailure = netns.label() + ": " + failure.message();
            }
        }
    }
}
