package io.sockscope.procmap;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Measures the owner scan against ss on a host made busy on purpose: a herd of python3 processes holding
 * many sockets (socket_herd.py, run by {@link PythonHelper}). Not a test: run it by hand, e.g.
 *
 * <pre>
 * mvn -q -o test-compile
 * java --enable-native-access=ALL-UNNAMED -cp target/classes:target/test-classes \
 *     io.sockscope.procmap.OwnerScanBenchmark --mode tcp --sockets 95000 --per-process 19000 --rounds 7
 * </pre>
 *
 * It prints, in milliseconds (median and best of the rounds, and the median CPU time, which other load on
 * a shared machine disturbs far less than wall time): ss with and without {@code -p}; the scan in
 * this warm JVM with java.nio and with native calls, on one thread and on two; and whole cold runs of a
 * fresh JVM started with the launcher's flags that do nothing, or one scan. It also checks that every
 * variant found the same owners, in the same order, for every socket the herd holds.
 * {@code --once nio|native|none} is the cold run's own entry point; with {@code -Dprocmap.verbose} it
 * prints its phases and CPU times, {@code -Dprocmap.again=N} adds N warm scans.
 */
public final class OwnerScanBenchmark {
    private static final Path PROC = Path.of("/proc");

    private OwnerScanBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String mode = "pair";
        int sockets = 95_000;
        int perProcess = 19_000;
        int rounds = 7;
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--once" -> {
                    once(args[i + 1]);
                    return;
                }
                case "--mode" -> mode = args[i + 1];
                case "--sockets" -> sockets = Integer.parseInt(args[i + 1]);
                case "--per-process" -> perProcess = Integer.parseInt(args[i + 1]);
                case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        System.out.printf("%d sockets (%s) in processes of at most %d, %d processors, %d rounds%n",
                sockets, mode, perProcess, Runtime.getRuntime().availableProcessors(), rounds);
        try (PythonHelper herd = PythonHelper.start("socket_herd.py", mode, Integer.toString(sockets),
                Integer.toString(perProcess))) {
            System.out.println("holders: " + herd.ready());
            run(mode, rounds, herd.ready().stream().map(Integer::valueOf).collect(Collectors.toSet()));
        }
    }

    private static void once(String variant) throws IOException {
        if (variant.equals("none")) {
            return;
        }
        boolean verbose = System.getProperty("procmap.verbose") != null;
        String start = verbose ? cpuTimes() : "";
        long startNanos = System.nanoTime();
        OwnerScanner scanner = OwnerScanner.create(message -> { }, 2, variant.equals("native"));
        String created = verbose ? cpuTimes() : "";
        long createdNanos = System.nanoTime();
        OwnerIndex index = scanner.scan(PROC, false);
        long scannedNanos = System.nanoTime();
        if (verbose) {
            System.err.printf(Locale.ROOT, "start %s | setup %.1f ms %s | scan %.1f ms %s | %d entries%n", start,
                    (createdNanos - startNanos) / 1e6, created, (scannedNanos - createdNanos) / 1e6, cpuTimes(),
                    index.size());
            for (int again = 0; again < Integer.getInteger("procmap.again", 0); again++) {
                long before = System.nanoTime();
                scanner.scan(PROC, false);
                System.err.printf(Locale.ROOT, "again %.1f ms %s%n", (System.nanoTime() - before) / 1e6, cpuTimes());
            }
        }
    }

    /** This process's user and system CPU time so far, from /proc/self/stat (clock ticks, 100 per second). */
    private static String cpuTimes() throws IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return "user " + Long.parseLong(fields[11]) * 10 + " ms sys " + Long.parseLong(fields[12]) * 10 + " ms";
    }

    private static void run(String mode, int rounds, Set<Integer> holders) throws Exception {
        String table = mode.equals("tcp") ? "-tan" : "-xa";
        report("ss " + table, rounds, () -> runCommand(List.of("ss", table)));
        report("ss " + table + "p", rounds, () -> runCommand(List.of("ss", table + "p")));

        List<String> reference = null;
        for (boolean nativeCalls : new boolean[] {false, true}) {
            for (int threads : new int[] {1, 2}) {
                OwnerScanner scanner = OwnerScanner.create(message -> System.out.println("warning: " + message),
                        threads, nativeCalls);
                OwnerIndex[] last = new OwnerIndex[1];
                report("scan " + (nativeCalls ? "native" : "nio") + " x" + threads, rounds,
                        () -> last[0] = scanner.scan(PROC, false));
                // Other processes come and go on a shared machine: compare what the herd holds, in scan order.
                List<String> found = new ArrayList<>();
                last[0].forEach((inode, owner) -> {
                    if (holders.contains(owner.pid())) {
                        found.add(inode + " " + owner + " " + last[0].owners(inode).size());
                    }
                });
                if (reference == null) {
                    reference = found;
                    System.out.printf("the herd holds %d (socket, descriptor) pairs%n", found.size());
                } else if (!reference.equals(found)) {
                    throw new AssertionError("scans disagree on the herd's sockets");
                }
            }
        }

        String java = ProcessHandle.current().info().command().orElse("java");
        String classPath = System.getProperty("java.class.path");
        for (String variant : new String[] {"none", "nio", "native"}) {
            List<String> command = List.of(java, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "-XX:-UsePerfData", "-Xss512k", "--enable-native-access=ALL-UNNAMED", "-cp", classPath,
                    OwnerScanBenchmark.class.getName(), "--once", variant);
            report("cold JVM, " + variant, rounds, () -> runCommand(command));
        }
    }

    @FunctionalInterface
    private interface Action {
        void run() throws Exception;
    }

    private static void report(String what, int rounds, Action action) throws Exception {
        action.run(); // warm-up, also fills the kernel's dentry cache as a repeated command would find it
        double[] millis = new double[rounds];
        double[] cpuMillis = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            long cpuBefore = cpuTicks();
            long start = System.nanoTime();
            action.run();
            millis[i] = (System.nanoTime() - start) / 1e6;
            cpuMillis[i] = (cpuTicks() - cpuBefore) * 10.0;
        }
        Arrays.sort(millis);
        Arrays.sort(cpuMillis);
        System.out.printf(Locale.ROOT, "%-22s median %8.1f ms   best %8.1f ms   cpu median %6.0f ms%n", what,
                millis[rounds / 2], millis[0], cpuMillis[rounds / 2]);
    }

    /**
     * CPU time used so far by this process and by the children it has waited for (user and system), in
     * clock ticks of 10 ms: a measure that, unlike wall time, other load on the machine hardly changes.
     */
    private static long cpuTicks() throws IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // Fields 14-17 of stat (utime, stime, cutime, cstime) are 11-14 after the name.
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]) + Long.parseLong(fields[13])
                + Long.parseLong(fields[14]);
    }

    private static void runCommand(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        int status = process.waitFor();
        if (status != 0) {
            throw new IOException(command + " exited with " + status);
        }
    }
}
