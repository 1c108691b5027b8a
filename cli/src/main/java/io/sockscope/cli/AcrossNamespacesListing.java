package io.sockscope.cli;

import io.sockscope.attribution.SocketWorkloads;
import io.sockscope.attribution.WorkloadResolver;
import io.sockscope.kernel.InterfaceNames;
import io.sockscope.kernel.NetworkNamespace;
import io.sockscope.model.WarningSink;
import io.sockscope.names.MountTable;
import io.sockscope.netns.DiscoveredNamespace;
import io.sockscope.netns.Discovery;
import io.sockscope.netns.NamespaceDiscovery;
import io.sockscope.query.NamespaceSink;
import io.sockscope.query.NamespaceTarget;
import io.sockscope.query.Query;
import io.sockscope.query.QueryEngine;
import io.sockscope.render.ListingFormat;
import io.sockscope.render.NameLookups;
import io.sockscope.render.OwnerLookup;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code --all-netns}: finds every network namespace on the host ({@link NamespaceDiscovery}), reads each with
 * the same query on a thread inside it ({@link QueryEngine#runAcross}), and writes them one after the other:
 * ss's table behind a {@code Netns} column ({@link NamespacedTable}), or JSON whose sockets carry their
 * namespace and, where known, their container, pod and unit ({@link NamespacedJson}).
 */
final class AcrossNamespacesListing {
    private AcrossNamespacesListing() {
    }

    /**
     * @param root where the container runtimes' files are read ({@code --root}, {@code /} on the host itself)
     */
    static int run(QueryEngine engine, Query query, ListingOptions options, ListingFormat format, NameLookups names,
                   OwnerLookup owners, MountTable mounts, Path root, PrintStream err, OutputStream stdout)
            throws IOException {
        WarningSink warnings = message -> err.println("sockscope: warning: " + message);
        Found found = new Found(new NamespaceDiscovery(Path.of("/proc"), NetworkNamespace.RUN_DIRECTORY, warnings));
        if (options.format() == OutputFormat.SS) {
            NamespacedTable table = new NamespacedTable(stdout, format, names,
                    owners == null ? OwnerLookup.NONE : owners, err);
            run(engine, query, () -> {
                List<NamespaceTarget> targets = found.targets();
                table.labelsWidth(found.labelsWidth);
                return targets;
            }, table);
            table.finish(found.unreadableProcesses);
            return 0;
        }
        // Opened here, on the caller's thread: the document's host facts are the namespace sockscope started in.
        JsonRows rows = JsonRows.open(options, stdout, new InterfaceNames(), owners, null, mounts);
        SocketWorkloads workloads = new SocketWorkloads(WorkloadResolver.of(mounts, root, warnings),
                owners == null ? null : owners::owners);
        NamespacedJson json = new NamespacedJson(rows, workloads, err);
        run(engine, query, found::targets, json);
        return json.finish(found.unreadableProcesses);
    }

    /** The namespaces on the host, found when the engine asks (once the owner scan has started). */
    private static final class Found {
        private final NamespaceDiscovery discovery;
        int labelsWidth;
        int unreadableProcesses;

        Found(NamespaceDiscovery discovery) {
            this.discovery = discovery;
        }

        List<NamespaceTarget> targets() {
            Discovery discovered = discovery.discover();
            unreadableProcesses = discovered.unreadableProcesses();
            for (DiscoveredNamespace ns : discovered.namespaces()) {
                labelsWidth = Math.max(labelsWidth, ns.netns().label().length());
            }
            return NamespaceTarget.of(discovered.namespaces());
        }
    }

    private static void run(QueryEngine engine, Query query, Supplier<List<NamespaceTarget>> targets,
                            NamespaceSink sink) throws IOException {
        try {
            engine.runAcross(query, targets, sink);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
