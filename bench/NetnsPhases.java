import io.sockscope.kernel.NetworkNamespace;
import io.sockscope.netns.Discovery;
import io.sockscope.netns.NamespaceDiscovery;

import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Where {@code sockscope --all-netns} spends its time, measured inside one JVM: namespace discovery alone, then
 * the whole listing, each first cold (classes loaded, code interpreted, as a fresh launcher runs it) and then warm
 * (the same JVM again and again: the work itself, without start-up).
 *
 * <p>usage: sudo bench/netns-phases [--runs N] [-- ss options]   (this file is run by that script)
 *
 * <p>The listing writes to standard output, which the script sends to /dev/null; the report goes to standard
 * error (the listing's own warnings are dropped). The listing runs through the command's own entry point ({@code Main.run}, reached by reflection), so it
 * does exactly what the launcher's JVM does after start-up.
 */
public final class NetnsPhases {
    private NetnsPhases() {
    }

    public static void main(String[] args) throws Exception {
        Instant started = ProcessHandle.current().info().startInstant().orElse(Instant.now());
        long mainReached = System.nanoTime();
        int runs = Integer.parseInt(args[0]);
        String[] listing = Arrays.copyOfRange(args, 1, args.length);
        System.err.printf("JVM start to main (this harness's JVM, no start-up cache, its source compiled): %d ms%n",
                Duration.between(started, Instant.now()).toMillis());

        NamespaceDiscovery discovery = new NamespaceDiscovery(Path.of("/proc"), NetworkNamespace.RUN_DIRECTORY,
                message -> { });
        long t = System.nanoTime();
        Discovery found = discovery.discover();
        long coldDiscovery = System.nanoTime() - t;
        List<Long> warmDiscovery = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            t = System.nanoTime();
            discovery.discover();
            warmDiscovery.add(System.nanoTime() - t);
        }
        System.err.printf("discovery: %d namespaces; cold %.1f ms; warm %s%n", found.namespaces().size(),
                coldDiscovery / 1e6, summary(warmDiscovery));

        Method run = Class.forName("io.sockscope.cli.Main").getDeclaredMethod("run", String[].class, Map.class);
        run.setAccessible(true);
        Map<String, String> environment = System.getenv();
        // The listing's warnings (the same each run) would bury the report: its standard error is dropped.
        PrintStream report = System.err;
        System.setErr(new PrintStream(OutputStream.nullOutputStream()));
        t = System.nanoTime();
        int code = (int) run.invoke(null, listing, environment);
        long coldListing = System.nanoTime() - t;
        List<Long> warmListing = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            t = System.nanoTime();
            code |= (int) run.invoke(null, listing, environment);
            warmListing.add(System.nanoTime() - t);
        }
        System.setErr(report);
        System.err.printf("sockscope %s: cold %.1f ms; warm %s%s%n", String.join(" ", listing), coldListing / 1e6,
                summary(warmListing), code == 0 ? "" : " (exit code " + code + ")");
        System.err.printf("harness total %.0f ms%n", (System.nanoTime() - mainReached) / 1e6);
        System.err.flush();
        Runtime.getRuntime().halt(code);
    }

    private static String summary(List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        sorted.sort(null);
        return String.format("min %.1f ms, median %.1f ms over %d runs", sorted.getFirst() / 1e6,
                sorted.get(sorted.size() / 2) / 1e6, sorted.size());
    }
}
