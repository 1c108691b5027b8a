package io.sockscope.cli;

import io.sockscope.live.Leak;
import io.sockscope.live.LeakDetector;
import io.sockscope.live.TableDump;
import io.sockscope.live.WatchLoop;
import io.sockscope.live.WatchSink;
import io.sockscope.live.SocketEvent;
import io.sockscope.model.Netns;
import io.sockscope.model.Owner;
import io.sockscope.model.SocketRecord;
import io.sockscope.model.WarningSink;
import io.sockscope.procmap.ProcLimits;
import io.sockscope.query.Query;
import io.sockscope.query.QueryEngine;
import io.sockscope.source.DumpKind;
import io.sockscope.source.ProcPaths;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Function;

/**
 * {@code sockscope leaks}: the leak detectors of {@code watch} run over the table the options select for
 * {@code --for} (default a minute), then a verdict per process holding those sockets. Exit 0 when none leaks,
 * 1 when one does, 2 for a usage error (so that a script tells "leaking" from "asked wrongly").
 */
final class LeaksCommand {
    /** Exit status of a run that found a leak. */
    static final int LEAKS_FOUND = 1;
    /** Exit status of a command line leaks cannot run. */
    static final int USAGE = 2;

    private final LeaksOptions leaks;
    private final ListingOptions options;
    private final Map<String, String> environment;
    private final PrintStream err;

    private LeaksCommand(LeaksOptions leaks, ListingOptions options, Map<String, String> environment,
                         PrintStream err) {
        this.leaks = leaks;
        this.options = options;
        this.environment = environment;
        this.err = err;
    }

    /** Reads {@code line} (the words after {@code leaks}), watches, and writes the verdicts; the exit status. */
    static int run(CommandLine line, RawArguments raw, Map<String, String> environment, PrintStream err,
                   OutputStream stdout) throws IOException, UsageException {
        LeaksOptions leaks;
        ListingOptions options;
        Query query;
        try {
            leaks = LeaksOptions.parse(line);
            options = ListingOptionsParser.parse(leaks.watch().rest(), raw);
            query = WatchCommand.query(options, leaks.watch().allNamespaces(), environment, err);
        } catch (UsageException e) {
            throw new UsageException(e.getMessage(), USAGE);
        }
        if (query == null) {
            return USAGE;
        }
        return new LeaksCommand(leaks, options, environment, err).run(query, stdout);
    }

    private int run(Query query, OutputStream stdout) throws IOException {
        ProcPaths paths = new ProcPaths(environment);
        WarningSink warnings = message -> err.println("sockscope: warning: " + message);
        Findings findings = new Findings();
        long interval = leaks.watch().intervalMillis();
        long reads = leaks.forMillis() / interval + 1;
        int[] done = {0};
        long started = System.currentTimeMillis();
        try (StopOnSignal stop = StopOnSignal.install(); QueryEngine engine = new QueryEngine(paths, warnings);
             NamespacedWatch across = leaks.watch().allNamespaces() ? new NamespacedWatch(engine,
                     WatchCommand.discovery(warnings), paths, warnings, err, null, 0, null,
                     System::currentTimeMillis)
                     : null) {
            Function<SocketRecord, Netns> netnsOf = across == null ? socket -> null : across::netnsOf;
            LeakDetector detector = new LeakDetector(leaks.watch().thresholds(),
                    new ProcLimits(paths.procRoot()));
            Set<DumpKind> failedKinds = EnumSet.noneOf(DumpKind.class);
            // Destroy events add nothing here: a leak is what stays, and every read sees it.
            TableDump<RuntimeException> table = WatchCommand.firstWithTcpInfo(query, q -> {
                List<SocketRecord> dump = across == null ? WatchCommand.dump(engine, q, failedKinds, err)
                        : across.read(q);
                done[0]++;
                return dump;
            });
            new WatchLoop<>(table, new LinkedBlockingQueue<>(), System::currentTimeMillis, interval, new LeakCollector(findings,
                    detector), detector, engine.owners()::owners).run(() -> done[0] >= reads || stop.requested());
            if (stop.requested()) {
                return stop.exitStatus();
            }
            findings.timeWait = detector.lastCensus().timeWait();
            long watched = System.currentTimeMillis() - started;
            if (options.format() == OutputFormat.JSON) {
                io.sockscope.cli.json.LeaksJson.write(stdout, watched, done[0], findings.processes.values(),
                        findings.leaks.values(), findings.timeWait, netnsOf);
            } else {
                new LeaksReport(stdout, netnsOf).write(leaks.forMillis(), done[0], findings.processes.values(),
                        findings.leaks.values(), findings.timeWait);
            }
            stdout.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
        return findings.leaks.isEmpty() ? 0 : LEAKS_FOUND;
    }

    /** What the run found: every process seen holding a watched socket, and the latest of each leak. */
    private static final class Findings {
        final Map<Integer, Owner> processes = new TreeMap<>();
        final Map<String, Leak> leaks = new LinkedHashMap<>();
        int timeWait;
    }

    /** Keeps the latest figures of each leak and the processes each read saw; socket events are not wanted. */
    private record LeakCollector(Findings findings, LeakDetector detector) implements WatchSink {
        @Override
        public void event(SocketEvent event) {
        }

        @Override
        public void leak(Leak leak) {
            String who = leak.process() == null ? "-" : Integer.toString(leak.process().pid());
            String which = leak instanceof Leak.AcceptQueueFull && !leak.evidence().isEmpty()
                    ? ":" + leak.evidence().getFirst().socket().inode() : "";
            findings.leaks.put(leak.kind() + ":" + who + which, leak);
        }

        @Override
        public void resync(long atMillis) {
        }

        @Override
        public void flush() {
            for (Owner o : detector.lastCensus().processes()) {
                findings.processes.putIfAbsent(o.pid(), o);
            }
        }
    }
}
