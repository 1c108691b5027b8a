package io.sockscope.api;

import io.sockscope.api.internal.EntryMapper;
import io.sockscope.inspect.OwnerResolver;
import io.sockscope.inspect.SystemNames;
import io.sockscope.kernel.InterfaceNames;
import io.sockscope.kernel.NetworkNamespace;
import io.sockscope.model.Netns;
import io.sockscope.model.WarningSink;
import io.sockscope.model.Workload;
import io.sockscope.names.MountTable;
import io.sockscope.netns.DiscoveredNamespace;
import io.sockscope.netns.NamespaceDiscovery;
import io.sockscope.query.NamespaceSink;
import io.sockscope.query.NamespaceTarget;
import io.sockscope.query.Query;
import io.sockscope.query.QueryEngine;
import io.sockscope.source.DumpKind;
import io.sockscope.source.ProcPaths;
import io.sockscope.source.SocketSink;
import io.sockscope.source.SourceException;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A measurement, not a test (it asserts nothing, so the build never runs it): what handing the entries of a
 * listing across namespaces to the caller's thread costs. Two scratch namespaces each get a python process holding
 * {@code PAIRS} unix socket pairs; then, interleaved, {@code SocketInspector.list} of every unix stream socket of
 * every namespace (entries made on the namespaces' threads, handed over in batches) and the same run with the
 * entries collected on the namespaces' threads themselves (the engine and the mapping alone, as the command's
 * sink does it), each from discovery to the last entry. Needs root. From the root:
 *
 * <pre>
 * JAVA_HOME=$JDK mvn -B -q -pl core test-compile
 * $JDK/bin/java --enable-native-access=ALL-UNNAMED -cp core/target/classes:core/target/test-classes \
 *     io.sockscope.api.AcrossNamespacesMeasurement [pairs per namespace, 25000 by default]
 * </pre>
 */
final class AcrossNamespacesMeasurement {
    private static final int RUNS = 15;
    /** Pairs per holding process: within the usual hard limit of open files (2 descriptors a pair). */
    private static final int PAIRS_PER_PROCESS = 8_000;
    private static final String HOLDER = """
            import resource, socket, sys
            n = int(sys.argv[1])
            hard = resource.getrlimit(resource.RLIMIT_NOFILE)[1]
            resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
            pairs = [socket.socketpair() for _ in range(n)]
            print('ready', flush=True)
            sys.stdin.read()
            """;

    private AcrossNamespacesMeasurement() {
    }

    public static void main(String[] args) throws Exception {
        int pairs = args.length > 0 ? Integer.parseInt(args[0]) : 25_000;
        List<Process> holders = new ArrayList<>();
        List<String> namespaces = new ArrayList<>();
        try (SocketInspector inspector = SocketInspector.open()) {
            for (String ns : List.of("sockscope-measure-a-" + ProcessHandle.current().pid(),
                    "sockscope-measure-b-" + ProcessHandle.current().pid())) {
                ip("netns", "add", ns);
                namespaces.add(ns);
                for (int left = pairs; left > 0; left -= PAIRS_PER_PROCESS) {
                    Process p = new ProcessBuilder("ip", "netns", "exec", ns, "python3", "-c", HOLDER,
                            Integer.toString(Math.min(left, PAIRS_PER_PROCESS))).redirectErrorStream(true).start();
                    holders.add(p);
                    String line = new BufferedReader(new InputStreamReader(p.getInputStream(),
                            StandardCharsets.UTF_8)).readLine();
                    if (!"ready".equals(line)) {
                        throw new IllegalStateException("the holder in " + ns + " said " + line);
                    }
                }
            }
            SocketQuery query = SocketQuery.builder().protocols(Protocol.UNIX_STREAM).allNamespaces().build();
            Direct direct = new Direct(query);
            long[] handedOver = new long[RUNS];
            long[] onTheirThreads = new long[RUNS];
            int entries = 0;
            int directEntries = 0;
            for (int warm = 0; warm < 5; warm++) {
                inspector.list(query);
                direct.run();
            }
            for (int i = 0; i < RUNS; i++) {
                long start = System.nanoTime();
                entries = inspector.list(query).size();
                handedOver[i] = System.nanoTime() - start;
                start = System.nanoTime();
                directEntries = direct.run();
                onTheirThreads[i] = System.nanoTime() - start;
            }
            System.out.printf("[measure] %d unix stream entries across namespaces (%d when collected on their"
                    + " threads), %d runs each, interleaved%n", entries, directEntries, RUNS);
            System.out.printf("[measure] handed to the caller's thread: median %.1f ms, min %.1f ms%n",
                    median(handedOver), min(handedOver));
            System.out.printf("[measure] kept on the namespaces' threads: median %.1f ms, min %.1f ms%n",
                    median(onTheirThreads), min(onTheirThreads));
        } finally {
            for (Process p : holders) {
                p.destroyForcibly();
                p.waitFor();
            }
            for (String ns : namespaces) {
                ip("netns", "del", ns);
            }
        }
    }

    private static void ip(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("ip"));
        command.addAll(List.of(arguments));
        Process p = new ProcessBuilder(command).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed");
        }
    }

    /** The same run without the handoff: discovery, the engine, and the mapping into a list on each namespace's thread. */
    private static final class Direct {
        private final Query query;
        private final QueryEngine engine = new QueryEngine(ProcPaths.system(), WarningSink.IGNORE);
        private final SystemNames names = new SystemNames(new InterfaceNames(), MountTable.PROC);
        private final EntryMapper mapper;

        Direct(SocketQuery query) {
            this.query = QueryMapping.of(query, io.sockscope.filter.CompiledFilter.NONE);
            this.mapper = new EntryMapper(QueryMapping.details(query), names, OwnerResolver.notRequested());
        }

        int run() {
            List<NamespaceTarget> targets = new ArrayList<>();
            for (DiscoveredNamespace ns : new NamespaceDiscovery(Path.of("/proc"), NetworkNamespace.RUN_DIRECTORY,
                    WarningSink.IGNORE).discover().namespaces()) {
                targets.add(new NamespaceTarget(ns.netns(), ns.entry(), ns.current()));
            }
            List<SocketEntry> out = new ArrayList<>();
            engine.runAcross(query, targets, new NamespaceSink() {
                @Override
                public SocketSink started(Netns netns) {
                    EntryMapper here = mapper.inNamespace(netns, names.withInterfaces(new InterfaceNames()),
                            socket -> Workload.NONE);
                    return socket -> out.add(here.map(socket));
                }

                @Override
                public void tableFailed(Netns netns, DumpKind kind, SourceException failure) {
                }

                @Override
                public void ended(Netns netns) {
                }

                @Override
                public void notEntered(Netns netns, io.sockscope.query.NotEntered failure) {
                }
            });
            return out.size();
        }
    }

    private static double median(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2] / 1e6;
    }

    private static double min(long[] nanos) {
        return Arrays.stream(nanos).min().orElseThrow() / 1e6;
    }
}
