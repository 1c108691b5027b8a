import io.sockscope.cli.json.WatchEventJson;
import io.sockscope.live.SocketEvent;
import io.sockscope.live.TableDump;
import io.sockscope.live.Leak;
import io.sockscope.live.LeakDetector;
import io.sockscope.live.LeakThresholds;
import io.sockscope.live.WatchLoop;
import io.sockscope.live.WatchSink;
import io.sockscope.model.Owner;
import io.sockscope.model.SocketRecord;
import io.sockscope.model.WarningSink;
import io.sockscope.procmap.ProcLimits;
import io.sockscope.query.Query;
import io.sockscope.query.QueryEngine;
import io.sockscope.source.ProcPaths;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Function;

/**
 * The refresh time of {@code sockscope watch}: how long one dump takes from its start until its events have been
 * handed on (written and flushed), measured inside a JVM that does what the command does, for a given time.
 *
 * <p>usage (run by bench/watch-cost, inside the load's namespace, with the launcher's JVM flags and the
 * command's jar on the class path): {@code java … WatchRefresh.java SECONDS WARMUP_SECONDS TSV -- WATCH_WORDS…}
 *
 * <p>What is the command's own code: the query is built from the words by the command's own parsing
 * ({@code CommandLine}, {@code WatchOptions}, {@code ListingOptionsParser}, {@code WatchCommand.query()},
 * reached by reflection, as in {@code Main.run}); the loop is {@link WatchLoop} with its interval; each dump is
 * {@link QueryEngine#run} with the query's owners, as {@code WatchCommand.dump} does; the sink is the command's
 * {@link WatchEventJson} and leak detectors, writing to a stream that only counts. What is not: the
 * destroy-event follower (a static load has none to tell) and the signal handling.
 *
 * <p>Measured per refresh: the wall time from the moment {@code WatchLoop} asks for the dump to the end of the
 * sink's flush (the refresh), the dump alone, and the process CPU time over the same span (every thread: the
 * owner scan runs on threads of its own; garbage collection and compilation in that span count too). Refreshes
 * in the first WARMUP_SECONDS, and the baseline (the first dump, which tells nothing), are reported apart.
 * One line per refresh goes to TSV; the summary goes to standard output.
 */
public final class WatchRefresh {
    private WatchRefresh() {
    }

    /** One refresh: when it started (ms since the harness began), its times, what it saw and told. */
    record Refresh(double atMs, double wallMs, double dumpMs, double cpuMs, int sockets, long events) {
    }

    @SuppressWarnings("unchecked")
    public static void main(String[] args) throws Exception {
        double seconds = Double.parseDouble(args[0]);
        double warmupSeconds = Double.parseDouble(args[1]);
        Path tsv = Path.of(args[2]);
        if (!args[3].equals("--")) {
            throw new IllegalArgumentException("expected -- before the watch words");
        }
        String[] words = Arrays.copyOfRange(args, 4, args.length);
        String[] typed = new String[words.length + 1];
        typed[0] = "watch";
        System.arraycopy(words, 0, typed, 1, words.length);

        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long began = System.nanoTime();
        Map<String, String> environment = (Map<String, String>) call("io.sockscope.cli.EnvironmentPaths", "reachable",
                new Class<?>[] {Map.class}, null, System.getenv());
        Command command = command(typed, environment);

        CountingStream out = new CountingStream();
        List<Refresh> refreshes = new ArrayList<>();
        WarningSink warnings = message -> System.err.println("sockscope: warning: " + message);
        try (QueryEngine engine = new QueryEngine(new ProcPaths(environment), warnings)) {
            WatchSink json = new WatchEventJson(out, socket -> null);
            long[] mark = new long[3]; // refresh start (ns), dump end (ns), process CPU at start (ns); 0: none
            int[] sockets = new int[1];
            long[] linesBefore = new long[1];
            // As the command: tcp_info (which only ages the baseline's sockets) in the first dump alone.
            Query later = command.query.withAttributes(Query.Attributes.NONE);
            int[] dumps = new int[1];
            TableDump<RuntimeException> dump = () -> {
                mark[0] = System.nanoTime();
                mark[2] = os.getProcessCpuTime();
                linesBefore[0] = out.lines;
                List<SocketRecord> table = new ArrayList<>();
                engine.run(dumps[0]++ == 0 ? command.query : later, table::add, (kind, e) -> System.err.println("sockscope: " + e.getMessage()));
                mark[1] = System.nanoTime();
                sockets[0] = table.size();
                return table;
            };
            WatchSink timed = new WatchSink() {
                @Override
                public void event(SocketEvent event) throws IOException {
                    json.event(event);
                }

                @Override
                public void leak(Leak leak) throws IOException {
                    json.leak(leak);
                }

                @Override
                public void resync(long atMillis) throws IOException {
                    json.resync(atMillis);
                }

                @Override
                public void flush() throws IOException {
                    json.flush();
                    if (mark[0] != 0) {
                        long end = System.nanoTime();
                        refreshes.add(new Refresh((mark[0] - began) / 1e6, (end - mark[0]) / 1e6,
                                (mark[1] - mark[0]) / 1e6, (os.getProcessCpuTime() - mark[2]) / 1e6, sockets[0],
                                out.lines - linesBefore[0]));
                        mark[0] = 0;
                    }
                }
            };
            long deadline = began + (long) (seconds * 1e9);
            LeakDetector leaks = new LeakDetector(command.thresholds, new ProcLimits(Path.of("/proc")));
            new WatchLoop<RuntimeException>(dump, new LinkedBlockingQueue<>(), System::currentTimeMillis,
                    command.intervalMillis, timed, leaks, engine.owners()::owners)
                    .run(() -> System.nanoTime() > deadline);
        }

        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(tsv))) {
            w.println("at_ms\twall_ms\tdump_ms\tcpu_ms\tsockets\tevents");
            for (Refresh r : refreshes) {
                w.printf("%.1f\t%.3f\t%.3f\t%.3f\t%d\t%d%n", r.atMs, r.wallMs, r.dumpMs, r.cpuMs, r.sockets, r.events);
            }
        }
        PrintStream o = System.out;
        o.printf("watch %s: interval %d ms, %d refreshes in %.0f s (the first is the baseline)%n",
                String.join(" ", words), command.intervalMillis, refreshes.size(), seconds);
        if (!refreshes.isEmpty()) {
            Refresh b = refreshes.getFirst();
            o.printf("baseline: %d sockets, refresh %.1f ms (dump %.1f ms), CPU %.1f ms%n", b.sockets, b.wallMs,
                    b.dumpMs, b.cpuMs);
        }
        List<Refresh> warm = refreshes.stream().skip(1).filter(r -> r.atMs >= warmupSeconds * 1000).toList();
        List<Refresh> early = refreshes.stream().skip(1).filter(r -> r.atMs < warmupSeconds * 1000).toList();
        if (!early.isEmpty()) {
            o.printf("first %.0f s (warm-up, %d refreshes): refresh median %.1f ms, max %.1f ms%n", warmupSeconds,
                    early.size(), median(early, Refresh::wallMs), max(early, Refresh::wallMs));
        }
        if (!warm.isEmpty()) {
            o.printf("steady (%d refreshes, %d to %d sockets, %d event lines): refresh median %.1f ms, p90 %.1f ms,"
                            + " max %.1f ms, mean %.1f ms; dump alone median %.1f ms; process CPU per refresh median"
                            + " %.1f ms, mean %.1f ms%n",
                    warm.size(), warm.stream().mapToInt(Refresh::sockets).min().orElse(0),
                    warm.stream().mapToInt(Refresh::sockets).max().orElse(0),
                    warm.stream().mapToLong(Refresh::events).sum(),
                    median(warm, Refresh::wallMs), percentile(warm, Refresh::wallMs, 0.9), max(warm, Refresh::wallMs),
                    warm.stream().mapToDouble(Refresh::wallMs).average().orElse(0), median(warm, Refresh::dumpMs),
                    median(warm, Refresh::cpuMs), warm.stream().mapToDouble(Refresh::cpuMs).average().orElse(0));
        }
        o.printf("event lines written: %d (%d bytes)%n", out.lines, out.bytes);
        o.flush();
        // exit, not halt: a flight recording is written by a shutdown hook.
        System.exit(0);
    }

    /** The query and interval the command builds from {@code typed}, by its own parsing. */
    private record Command(Query query, long intervalMillis, LeakThresholds thresholds) {
    }

    private static Command command(String[] typed, Map<String, String> environment) throws Exception {
        Object raw = call("io.sockscope.cli.RawArguments", "of", new Class<?>[] {String[].class}, null,
                (Object) typed);
        Class<?> lineType = Class.forName("io.sockscope.cli.CommandLine");
        Object line = call("io.sockscope.cli.CommandLine", "parse", new Class<?>[] {String[].class}, null,
                (Object) typed);
        List<?> options = (List<?>) call("io.sockscope.cli.CommandLine", "options", new Class<?>[0], line);
        List<?> operands = (List<?>) call("io.sockscope.cli.CommandLine", "operands", new Class<?>[0], line);
        Object rest = construct("io.sockscope.cli.CommandLine", new Class<?>[] {List.class, List.class}, options,
                operands.subList(1, operands.size()));
        Object watch = call("io.sockscope.cli.WatchOptions", "parse", new Class<?>[] {lineType}, null, rest);
        Object listingWords = call("io.sockscope.cli.WatchOptions", "rest", new Class<?>[0], watch);
        Class<?> rawType = Class.forName("io.sockscope.cli.RawArguments");
        Object listing = call("io.sockscope.cli.ListingOptionsParser", "parse", new Class<?>[] {lineType, rawType},
                null, listingWords, raw);
        Query query = (Query) call("io.sockscope.cli.WatchCommand", "query", new Class<?>[] {
                Class.forName("io.sockscope.cli.ListingOptions"), boolean.class, Map.class, PrintStream.class}, null,
                listing, false, environment, System.err);
        if (query == null) {
            throw new IllegalArgumentException("the words select no sockets");
        }
        long interval = (long) call("io.sockscope.cli.WatchOptions", "intervalMillis", new Class<?>[0], watch);
        LeakThresholds thresholds = (LeakThresholds) call("io.sockscope.cli.WatchOptions", "thresholds",
                new Class<?>[0], watch);
        return new Command(query, interval, thresholds);
    }

    private static Method method(String type, String name, Class<?>... parameters) throws Exception {
        Method m = Class.forName(type).getDeclaredMethod(name, parameters);
        m.setAccessible(true);
        return m;
    }

    private static Object call(String type, String name, Class<?>[] parameters, Object target, Object... args)
            throws Exception {
        try {
            return method(type, name, parameters).invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception x ? x : e;
        }
    }

    private static Object construct(String type, Class<?>[] parameters, Object... args) throws Exception {
        Constructor<?> c = Class.forName(type).getDeclaredConstructor(parameters);
        c.setAccessible(true);
        return c.newInstance(args);
    }

    private static double median(List<Refresh> refreshes, java.util.function.ToDoubleFunction<Refresh> f) {
        return percentile(refreshes, f, 0.5);
    }

    private static double percentile(List<Refresh> refreshes, java.util.function.ToDoubleFunction<Refresh> f,
                                     double p) {
        double[] v = refreshes.stream().mapToDouble(f).sorted().toArray();
        return v[Math.min(v.length - 1, (int) Math.floor(p * v.length))];
    }

    private static double max(List<Refresh> refreshes, java.util.function.ToDoubleFunction<Refresh> f) {
        return refreshes.stream().mapToDouble(f).max().orElse(0);
    }

    /** Standard output's stand-in: counts bytes and lines, keeps nothing. */
    private static final class CountingStream extends OutputStream {
        long bytes;
        long lines;

        @Override
        public void write(int b) {
            bytes++;
            if (b == '\n') {
                lines++;
            }
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
            for (int i = off; i < off + len; i++) {
                if (b[i] == '\n') {
                    lines++;
                }
            }
        }
    }
}
