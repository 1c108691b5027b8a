package io.sockscope.source;

import io.sockscope.model.SocketRecord;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A measurement, not a test (it reports and asserts nothing, so the build never runs it): how long the first
 * dump of a fresh JVM takes, linking included; then TCP with a few thousand loopback connections it opens,
 * and unix with whatever the machine holds, each next to the installed ss doing the same. From the root:
 *
 * <pre>
 * JAVA_HOME=$JDK mvn -B -q -pl core test-compile
 * $JDK/bin/java --enable-native-access=ALL-UNNAMED -cp core/target/classes:core/target/test-classes \
 *     io.sockscope.source.DumpMeasurement [first|tcp|unix]...
 * </pre>
 *
 * With no argument it measures all three, the first dump first.
 */
final class DumpMeasurement {
    private static final int PAIRS = 2500;
    private static final int RUNS = 15;

    private DumpMeasurement() {
    }

    public static void main(String[] args) throws Exception {
        for (String what : args.length == 0 ? new String[] {"first", "tcp", "unix"} : args) {
            switch (what) {
                case "first" -> firstDump();
                case "tcp" -> tcpWithThousandsOfLoopbackConnections();
                case "unix" -> report("unix", DumpKind.UNIX, List.of("ss", "-xan"));
                default -> throw new IllegalArgumentException("unknown measurement " + what + ": first, tcp or unix");
            }
        }
    }

    private static void tcpWithThousandsOfLoopbackConnections() throws Exception {
        if (openFileLimit() < 2 * PAIRS + 500) {
            System.out.printf("[measure] tcp skipped: needs an open-file limit of at least %d%n", 2 * PAIRS + 500);
            return;
        }
        List<SocketChannel> open = new ArrayList<>();
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.INET)) {
            server.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), PAIRS);
            for (int i = 0; i < PAIRS; i++) {
                SocketChannel client = SocketChannel.open(StandardProtocolFamily.INET);
                open.add(client);
                client.connect(server.getLocalAddress());
                open.add(server.accept());
            }
            report("tcp", DumpKind.TCP, List.of("ss", "-tan"));
        } finally {
            for (SocketChannel c : open) {
                c.close();
            }
        }
    }

    private static void report(String what, DumpKind kind, List<String> ssCommand) throws Exception {
        DumpRequest request = NetlinkSourceKernelTest.everything();
        NetlinkSource source = new NetlinkSource();
        long[] nanos = new long[RUNS];
        int count = 0;
        for (int i = 0; i < RUNS; i++) {
            List<SocketRecord> sockets = new ArrayList<>(1 << 16);
            long start = System.nanoTime();
            source.dump(kind, request, sockets::add, w -> { });
            nanos[i] = System.nanoTime() - start;
            count = sockets.size();
        }
        if (count == 0) {
            throw new IllegalStateException("the " + what + " dump found no socket");
        }
        long[] ss = new long[5];
        boolean haveSs = Files.isExecutable(Path.of("/usr/bin/ss")) || Files.isExecutable(Path.of("/bin/ss"));
        for (int i = 0; haveSs && i < ss.length; i++) {
            long start = System.nanoTime();
            Process p = new ProcessBuilder(ssCommand).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            p.waitFor();
            ss[i] = System.nanoTime() - start;
        }
        System.out.printf("[measure] %s dump of %d sockets: first %.1f ms, then min %.1f / median %.1f ms over %d"
                        + " runs (decoded into records)%s%n", what, count, nanos[0] / 1e6, min(nanos, 1) / 1e6,
                median(nanos, 1) / 1e6, RUNS - 1,
                haveSs ? String.format("; %s as a process: median %.1f ms", String.join(" ", ssCommand),
                        median(ss, 0) / 1e6) : "");
    }

    private static long min(long[] values, int skip) {
        return Arrays.stream(values).skip(skip).min().orElseThrow();
    }

    private static long median(long[] values, int skip) {
        long[] sorted = Arrays.stream(values).skip(skip).sorted().toArray();
        return sorted[sorted.length / 2];
    }

    private static long openFileLimit() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
            if (line.startsWith("Max open files")) {
                String soft = line.substring("Max open files".length()).trim().split("\\s+")[0];
                return soft.equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(soft);
            }
        }
        return 0;
    }

    /** Times the first TCP dump of a fresh JVM, linking and class loading included. */
    private static void firstDump() throws Exception {
        long start = System.nanoTime();
        List<SocketRecord> sockets = new ArrayList<>();
        new NetlinkSource().dump(DumpKind.TCP, NetlinkSourceKernelTest.everything(), sockets::add, w -> { });
        long first = System.nanoTime() - start;
        long jvm = System.currentTimeMillis() - ProcessHandle.current().info().startInstant().orElseThrow()
                .toEpochMilli();
        System.out.printf("first dump: %d sockets in %.1f ms; %d ms since the JVM started%n",
                sockets.size(), first / 1e6, jvm);
    }
}
