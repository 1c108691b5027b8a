package io.sockscope.netns;

import io.sockscope.kernel.NetworkNamespace;
import io.sockscope.model.WarningSink;
import io.sockscope.procmap.OwnerScanner;
import io.sockscope.procmap.ProcessLinkScanner;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A measurement, not a test (it reports and asserts nothing, so the build never runs it): how long
 * {@link NamespaceDiscovery#discover()} takes on this host as it is, then with {@code N} more named namespaces each
 * holding a python3 process with {@code S} sockets (made with {@code ip netns add} and {@code ip netns exec}, all
 * removed at the end), for each way of scanning processes: native calls or java.nio, on one thread or two. For each
 * it gives the first call of a fresh JVM started with the launcher's flags (the median of five JVMs: class loading
 * and linking included, as {@code sockscope --all-netns} pays it, without an AOT cache) and the median and best of
 * warm calls, with the owner scan of {@code -p} (the same readlink per descriptor) and util-linux's
 * {@code lsns -t net} as yardsticks. As root, from the root of the project:
 *
 * <pre>
 * JAVA_HOME=$JDK mvn -B -q -pl core test-compile &amp;&amp; bin/build-native
 * $JDK/bin/java --enable-native-access=ALL-UNNAMED -Dsockscope.jni.library=$PWD/core/target/native/libsockscope.so \
 *     -cp core/target/classes:core/target/test-classes io.sockscope.netns.DiscoveryMeasurement [N [S [RUNS]]]
 * </pre>
 *
 * Defaults: 50 namespaces, 200 sockets each, 15 warm runs.
 */
final class DiscoveryMeasurement {
    private static final String PREFIX = "sockscope-discovery-measure-";
    private static final int FRESH_JVMS = 5;
    private static final List<String> LAUNCHER_FLAGS = List.of("-XX:+UseSerialGC", "-Xmn8m",
            "-XX:TieredStopAtLevel=1", "-XX:CompileThresholdScaling=3", "-XX:-UsePerfData", "-Xss512k",
            "--enable-native-access=ALL-UNNAMED");

    /** A way of scanning processes. */
    private record Way(boolean nativeCalls, int threads) {
        @Override
        public String toString() {
            return (nativeCalls ? "native" : "java.nio") + ", " + threads + (threads == 1 ? " thread " : " threads");
        }
    }

    private static final List<Way> WAYS = List.of(new Way(true, 1), new Way(true, 2), new Way(false, 1),
            new Way(false, 2));

    private DiscoveryMeasurement() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 3 && args[0].equals("once")) {
            once(Boolean.parseBoolean(args[1]), Integer.parseInt(args[2]));
            return;
        }
        int namespaces = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int sockets = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 15;
        System.out.printf("[measure] calls: %s%n", io.sockscope.kernel.NativeLayer.describe());
        report("host as it is", runs);
        List<Process> holders = new ArrayList<>();
        List<String> names = new ArrayList<>();
        try {
            for (int i = 0; i < namespaces; i++) {
                String name = PREFIX + i;
                HostNamespaces.run("ip", "netns", "add", name);
                names.add(name);
                holders.add(holdSockets(name, sockets));
            }
            report(namespaces + " namespaces x " + sockets + " sockets", runs);
        } finally {
            for (Process holder : holders) {
                holder.destroyForcibly();
                holder.waitFor(30, TimeUnit.SECONDS);
            }
            for (String name : names) {
                HostNamespaces.run("ip", "netns", "delete", name);
            }
        }
    }

    /** One discovery in this fresh JVM: prints its milliseconds. */
    private static void once(boolean nativeCalls, int threads) {
        NamespaceDiscovery discovery = discovery(new Way(nativeCalls, threads));
        long start = System.nanoTime();
        discovery.discover();
        System.out.println((System.nanoTime() - start) / 1e6);
    }

    private static NamespaceDiscovery discovery(Way way) {
        return new NamespaceDiscovery(Path.of("/proc"), NetworkNamespace.RUN_DIRECTORY, WarningSink.IGNORE,
                ProcessLinkScanner.create(WarningSink.IGNORE, way.threads(), way.nativeCalls()));
    }

    private static void report(String what, int runs) throws Exception {
        Discovery found = discovery(WAYS.getFirst()).discover();
        System.out.printf("[measure] %s: %d processes, %d descriptors, %d network namespaces found%n", what,
                countProcesses(), countDescriptors(), found.namespaces().size());
        // Round-robin over the ways, so that whatever else the machine does weighs on each alike.
        int ways = WAYS.size();
        double[][] firstCalls = new double[ways][FRESH_JVMS];
        for (int jvm = 0; jvm < FRESH_JVMS; jvm++) {
            for (int w = 0; w < ways; w++) {
                firstCalls[w][jvm] = freshJvmFirstCall(WAYS.get(w));
            }
        }
        // Each way's discovery, and the owner scan of -p over /proc as a yardstick: the same readlink per descriptor.
        List<Runnable> calls = new ArrayList<>();
        for (Way way : WAYS) {
            NamespaceDiscovery discovery = discovery(way);
            calls.add(discovery::discover);
        }
        OwnerScanner owners = OwnerScanner.create(WarningSink.IGNORE).using(OwnerScanner.Method.PROC);
        calls.add(() -> owners.scan(Path.of("/proc"), false));
        for (Runnable call : calls) {
            for (int i = 0; i < 20; i++) {
                call.run(); // warm-up: compiled, as in a long-running caller
            }
        }
        double[][] wall = new double[calls.size()][runs];
        double[][] cpu = new double[calls.size()][runs];
        for (int run = 0; run < runs; run++) {
            for (int c = 0; c < calls.size(); c++) {
                long cpuStart = processCpuNanos();
                long start = System.nanoTime();
                calls.get(c).run();
                wall[c][run] = (System.nanoTime() - start) / 1e6;
                cpu[c][run] = (processCpuNanos() - cpuStart) / 1e6;
            }
        }
        for (int c = 0; c < calls.size(); c++) {
            String first = c < ways ? String.format("first call %7.1f ms", median(firstCalls[c])) : " ".repeat(21);
            System.out.printf("[measure]   %-29s %s   warm: median %6.1f ms (best %6.1f), CPU (mean) %6.1f ms%n",
                    c < ways ? WAYS.get(c).toString() : "owner scan (/proc, as -p)", first, median(wall[c]),
                    Arrays.stream(wall[c]).min().orElseThrow(), Arrays.stream(cpu[c]).average().orElseThrow());
        }
        lsns(runs);
    }

    /**
     * CPU time of this whole process, threads that ended included, in nanoseconds: utime and stime of
     * {@code /proc/self/stat}, in clock ticks of 10 ms (USER_HZ is 100 on Linux). One call's figure is off by up to
     * a tick either way; the mean over many calls is not.
     */
    private static long processCpuNanos() throws IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // After the command: state is field 3, utime 14, stime 15.
        long ticks = Long.parseLong(fields[14 - 3]) + Long.parseLong(fields[15 - 3]);
        return ticks * 10_000_000L;
    }

    /** util-linux's lsns -t net, which reads processes and mountinfo (no descriptors), as a yardstick. */
    private static void lsns(int runs) throws Exception {
        if (!Files.isExecutable(Path.of("/usr/bin/lsns"))) {
            return;
        }
        double[] times = new double[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            HostNamespaces.run("/usr/bin/lsns", "-t", "net");
            times[i] = (System.nanoTime() - start) / 1e6;
        }
        System.out.printf("[measure]   %-29s median %7.1f ms (a process of its own, start-up included)%n",
                "lsns -t net", median(times));
    }

    /** The milliseconds of one discovery in a fresh JVM with the launcher's flags, its first call. */
    private static double freshJvmFirstCall(Way way) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(LAUNCHER_FLAGS);
        String library = System.getProperty("sockscope.jni.library");
        if (library != null) {
            command.add("-Dsockscope.jni.library=" + library);
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), DiscoveryMeasurement.class.getName(),
                "once", Boolean.toString(way.nativeCalls()), Integer.toString(way.threads())));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        p.waitFor(60, TimeUnit.SECONDS);
        return Double.parseDouble(out);
    }

    /** {@code ip netns exec NAME python3}: a process in the namespace holding {@code sockets} UDP sockets. */
    private static Process holdSockets(String name, int sockets) throws IOException {
        Process p = new ProcessBuilder("ip", "netns", "exec", name, HostNamespaces.python().toString(), "-c",
                "import socket, sys\n"
                        + "held = [socket.socket(socket.AF_INET, socket.SOCK_DGRAM) for _ in range(int(sys.argv[1]))]\n"
                        + "print('ready', flush=True)\n"
                        + "sys.stdin.read()\n", Integer.toString(sockets))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String line = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
        if (!"ready".equals(line)) {
            p.destroyForcibly();
            throw new IOException("the socket holder in " + name + " did not start: " + line);
        }
        return p;
    }

    private static int countProcesses() throws IOException {
        int count = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path ignored : entries) {
                count++;
            }
        }
        return count;
    }

    private static long countDescriptors() throws IOException {
        long count = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path process : entries) {
                try (DirectoryStream<Path> fds = Files.newDirectoryStream(process.resolve("fd"))) {
                    for (Path ignored : fds) {
                        count++;
                    }
                } catch (IOException e) {
                    // gone or not ours
                }
            }
        }
        return count;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
