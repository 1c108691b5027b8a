package io.sockscope.cli;

import io.sockscope.testing.CommandRun;
import io.sockscope.testing.JniLibrary;
import io.sockscope.testing.ScratchNamespace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@code sockscope serve} under load: in a namespace of its own holding 95,000 ESTABLISHED TCP sockets (both ends
 * of 47,500 loopback connections, held by {@code bench/holder.py}), the exporter runs with the launcher's flags for
 * long-running commands while 8 clients in the namespace ask for 50 scrapes a second for 30 s
 * ({@code serve/scrape_load.py}). Every scrape must be answered 200 with the held sockets counted, and the exporter's
 * resident memory, sampled every second, must stay under a stated bound. The figures (scrapes, latency percentiles,
 * resident memory) are printed for the record. Needs root; skipped otherwise.
 */
@Timeout(150)
class ServeLoadTest {
    private static final int CONNECTIONS = 47_500;
    private static final int HELD = 2 * CONNECTIONS;
    private static final int CLIENTS = 8;
    private static final int RATE = 50;
    private static final int SECONDS = 30;
    private static final int PORT = 9947;
    private static final String SERIES = "sockscope_sockets{netid=\"tcp\",state=\"established\"}";
    /**
     * Beyond the held sockets, the scrapes' own connections are ESTABLISHED while a snapshot is taken: at most one
     * per client, both ends in the namespace, and the odd one the server has not yet closed.
     */
    private static final int OWN_CONNECTIONS = 4 * CLIENTS;
    /**
     * The exporter's bound. The launcher caps serve's heap at 128 MiB ({@code -Xmx128m}, young generation 32 MiB),
     * and a scrape keeps nothing per socket (it counts as the dump streams), so what a snapshot allocates dies
     * young. Outside the heap: class metadata, code, thread stacks and the collector's own structures, about
     * 70–100 MiB. So the heap's cap plus 128 MiB: a growth past it would mean memory the cap does not hold.
     */
    private static final long RSS_LIMIT_KIB = (128 + 128) * 1024;
    /** The launcher's flags for serve ({@code bin/sockscope}), checked against it below. */
    private static final List<String> LAUNCHER_FLAGS = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-XX:CompileThresholdScaling=3", "-XX:-UsePerfData", "-Xss512k", "--enable-native-access=ALL-UNNAMED",
            "-Xmn32m", "-Xmx128m", "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30", "-XX:-ShrinkHeapInSteps",
            "-XX:TieredStopAtLevel=4", "-XX:CompileThresholdScaling=1");

    @Test
    void servesEveryScrapeOfALoadedNamespaceWithinItsMemoryBound() throws Exception {
        Path checkout = Path.of(System.getProperty("sockscope.checkout", "..")).toAbsolutePath().normalize();
        Path holderScript = checkout.resolve("bench/holder.py");
        String python = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
        Path scrapeScript = Files.createTempFile("sockscope-scrape-load-", ".py");
        Path serveErrors = Files.createTempFile("sockscope-serve-", ".err");
        Process holder = null;
        Process serve = null;
        Process scrapes = null;
        Thread sampler = null;
        try (ScratchNamespace ns = ScratchNamespace.create()) {
            try {
                // Checked once the namespace is made: without root the test is skipped before this.
                assertTrue(Files.isRegularFile(holderScript), "bench/holder.py in the checkout: " + holderScript);
                String launcher = Files.readString(checkout.resolve("bin/sockscope"));
                for (String flag : LAUNCHER_FLAGS) {
                    assertTrue(launcher.contains(flag), "bin/sockscope no longer passes " + flag
                            + ": update this test");
                }
                try (var in = ServeLoadTest.class.getResourceAsStream("/serve/scrape_load.py")) {
                    assertNotNull(in, "serve/scrape_load.py on the test class path");
                    Files.write(scrapeScript, in.readAllBytes());
                }

                // The load: its own time limit (--timeout) makes it answer "failed: ..." rather than hang.
                long building = System.nanoTime();
                holder = new ProcessBuilder("ip", "netns", "exec", ns.name(), python, holderScript.toString(),
                        "--connections", Integer.toString(CONNECTIONS), "--timeout", "60")
                        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
                String ready = new BufferedReader(new InputStreamReader(holder.getInputStream(),
                        StandardCharsets.UTF_8)).readLine();
                assertTrue(ready != null && ready.startsWith("ready "), "the load is built: " + ready);
                long established = establishedCount(ns.name());
                assertEquals(HELD, established, "the kernel lists the held sockets");
                double buildSeconds = (System.nanoTime() - building) / 1e9;

                List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", ns.name(),
                        Path.of(System.getProperty("java.home"), "bin", "java").toString()));
                command.addAll(LAUNCHER_FLAGS);
                command.addAll(JniLibrary.options());
                command.addAll(List.of("-cp", CommandRun.cliClassPath(), "io.sockscope.cli.Main", "serve", "--listen",
                        "127.0.0.1:" + PORT));
                // `ip netns exec` enters the namespace and execs the command: the process is the exporter's JVM.
                serve = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(serveErrors.toFile()).start();
                awaitServing(serve, serveErrors);

                long pid = serve.pid();
                List<Long> rss = new ArrayList<>();
                AtomicLong unreadable = new AtomicLong();
                sampler = Thread.ofPlatform().daemon().name("serve-rss").start(() -> {
                    while (!Thread.currentThread().isInterrupted()) {
                        long kib = vmRssKib(pid);
                        synchronized (rss) {
                            if (kib >= 0) {
                                rss.add(kib);
                            } else {
                                unreadable.incrementAndGet();
                            }
                        }
                        try {
                            Thread.sleep(1000);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                });

                scrapes = new ProcessBuilder("ip", "netns", "exec", ns.name(), python, scrapeScript.toString(),
                        "http://127.0.0.1:" + PORT + "/metrics", Integer.toString(CLIENTS), Integer.toString(RATE),
                        Integer.toString(SECONDS), SERIES).redirectErrorStream(true).start();
                List<String> lines;
                try (BufferedReader out = new BufferedReader(new InputStreamReader(scrapes.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    lines = out.lines().toList();
                }
                assertTrue(scrapes.waitFor(SECONDS + 30, TimeUnit.SECONDS), "the scrapes end");
                sampler.interrupt();
                sampler.join(5000);
                assertTrue(serve.isAlive(), "the exporter is still serving: " + Files.readString(serveErrors));

                Figures f = Figures.of(lines);
                List<Long> samples;
                synchronized (rss) {
                    samples = List.copyOf(rss);
                }
                long maxRss = samples.stream().mapToLong(Long::longValue).max().orElse(-1);
                String figures = String.format(java.util.Locale.ROOT,
                        "serve under load: %,d sockets held (built in %.1f s); %d scrapes answered of %d scheduled"
                                + " (%d clients, %d/s for %d s) in %.1f s: %.1f/s; latency p50 %.0f ms, p95 %.0f ms,"
                                + " max %.0f ms; started late (all clients busy) p50 %.0f ms, p95 %.0f ms;"
                                + " established reported %,.0f to %,.0f; VmRSS first %d MiB, max %d MiB, last %d MiB"
                                + " (%d samples, limit %d MiB)",
                        established, buildSeconds, f.latencies.length, f.scheduled, CLIENTS, RATE, SECONDS, f.elapsed,
                        f.latencies.length / f.elapsed, f.percentile(f.latencies, 50), f.percentile(f.latencies, 95),
                        f.percentile(f.latencies, 100), f.percentile(f.lateness, 50), f.percentile(f.lateness, 95),
                        f.lowest, f.highest, samples.isEmpty() ? -1 : samples.getFirst() / 1024, maxRss / 1024,
                        samples.isEmpty() ? -1 : samples.getLast() / 1024, samples.size(), RSS_LIMIT_KIB / 1024);
                System.out.println(figures);

                assertTrue(f.done, "the scrapes ran to their end: " + tail(lines));
                assertTrue(f.failures.isEmpty(), "every scrape answered 200 with the series: " + f.failures.size()
                        + " did not, the first " + f.failures.subList(0, Math.min(5, f.failures.size())) + "; "
                        + figures);
                // A snapshot of 95,000 sockets takes a few hundred ms, all 8 clients wait for the one in flight: the
                // clients cannot keep up 50 a second, but each should get a scrape answered every couple of seconds.
                assertTrue(f.latencies.length >= CLIENTS * SECONDS / 2, "scrapes answered: " + figures);
                assertTrue(f.lowest >= HELD && f.highest <= HELD + OWN_CONNECTIONS,
                        "established within " + HELD + " and " + (HELD + OWN_CONNECTIONS) + ": " + figures);
                assertTrue(samples.size() >= SECONDS - 2 && unreadable.get() == 0,
                        "VmRSS sampled every second: " + samples.size() + " samples, " + unreadable + " unreadable");
                assertTrue(maxRss < RSS_LIMIT_KIB, "VmRSS stays under " + RSS_LIMIT_KIB / 1024 + " MiB: " + figures);

                serve.destroy();
                assertTrue(serve.waitFor(10, TimeUnit.SECONDS), "the exporter stops on SIGTERM");
                assertEquals(0, serve.exitValue(), "the exporter exits 0 on SIGTERM: " + Files.readString(serveErrors));
            } finally {
                // Every process in the namespace ends before it is deleted.
                if (sampler != null) {
                    sampler.interrupt();
                }
                for (Process p : new Process[] {scrapes, serve}) {
                    if (p != null && p.isAlive()) {
                        p.destroyForcibly();
                        p.waitFor(5, TimeUnit.SECONDS);
                    }
                }
                if (holder != null) {
                    // End of its input ends the holders; they also die with it.
                    holder.getOutputStream().close();
                    if (!holder.waitFor(10, TimeUnit.SECONDS)) {
                        holder.destroyForcibly();
                        holder.waitFor(5, TimeUnit.SECONDS);
                    }
                }
            }
        } finally {
            Files.deleteIfExists(scrapeScript);
            Files.deleteIfExists(serveErrors);
        }
    }

    /** The scrapes' lines, read: latencies, lateness, the values of the series, and what went wrong. */
    private record Figures(double[] latencies, double[] lateness, double lowest, double highest,
                           List<String> failures, boolean done, int scheduled, double elapsed) {
        static Figures of(List<String> lines) {
            List<Double> latencies = new ArrayList<>();
            List<Double> lateness = new ArrayList<>();
            List<String> failures = new ArrayList<>();
            double lowest = Double.MAX_VALUE;
            double highest = -1;
            boolean done = false;
            int scheduled = 0;
            double elapsed = Double.NaN;
            for (String line : lines) {
                String[] w = line.split(" ");
                if (w.length == 4 && w[0].equals("done")) {
                    done = true;
                    scheduled = Integer.parseInt(w[2]);
                    elapsed = Double.parseDouble(w[3]);
                    continue;
                }
                // scrape CLIENT DUE_S LATE_MS STATUS LATENCY_MS VALUE ERROR
                if (w.length != 8 || !w[0].equals("scrape")) {
                    failures.add("unexpected output: " + line);
                    continue;
                }
                lateness.add(Double.parseDouble(w[3]));
                latencies.add(Double.parseDouble(w[5]));
                if (!w[4].equals("200") || !w[7].equals("-") || w[6].equals("-")) {
                    failures.add(line);
                    continue;
                }
                double value = Double.parseDouble(w[6]);
                lowest = Math.min(lowest, value);
                highest = Math.max(highest, value);
            }
            return new Figures(sorted(latencies), sorted(lateness), lowest, highest, failures, done, scheduled,
                    elapsed);
        }

        private static double[] sorted(List<Double> values) {
            double[] a = values.stream().mapToDouble(Double::doubleValue).toArray();
            Arrays.sort(a);
            return a;
        }

        /** The nearest-rank percentile of sorted values; NaN when there are none. */
        double percentile(double[] values, int p) {
            if (values.length == 0) {
                return Double.NaN;
            }
            int rank = (int) Math.ceil(p / 100.0 * values.length);
            return values[Math.max(0, rank - 1)];
        }
    }

    /** ESTABLISHED TCP sockets the kernel lists in the namespace ({@code ss -Htan state established}). */
    private static long establishedCount(String namespace) throws IOException, InterruptedException {
        CommandRun r = CommandRun.run(List.of("ip", "netns", "exec", namespace, "ss", "-Htan", "state",
                "established"), Map.of(), 60);
        assertEquals(0, r.exitCode(), "ss: " + r.stderrText());
        long lines = 0;
        for (byte b : r.stdout()) {
            if (b == '\n') {
                lines++;
            }
        }
        return lines;
    }

    /** Waits until the exporter says where it serves (its first line on stderr), at most 30 s. */
    private static void awaitServing(Process serve, Path errors) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            String said = Files.readString(errors);
            if (said.contains("serving metrics at")) {
                return;
            }
            if (!serve.isAlive()) {
                fail("serve exited with " + serve.exitValue() + ": " + said);
            }
            Thread.sleep(50);
        }
        fail("serve did not start serving within 30 s: " + Files.readString(errors));
    }

    /** VmRSS of the process in KiB, or -1 when it cannot be read. */
    private static long vmRssKib(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.substring(6).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    private static String tail(List<String> lines) {
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
    }
}
