package io.sockscope.source;

import io.sockscope.model.SocketRecord;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

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

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Measures (reports, never asserts) how long a dump takes: TCP with a few thousand loopback connections this
 * test opens, and unix with whatever the machine holds, each next to the installed ss doing the same.
 * Also runnable alone: {@code main} times the first dump of a fresh JVM (linking included).
 */
class DumpMeasurement {
    private static final int PAIRS = 2500;
    private static final int RUNS = 15;

    @Test
    void tcpWithThousandsOfLoopbackConnections() throws Exception {
        Assumptions.assumeTrue(openFileLimit() >= 2 * PAIRS + 500,
                "needs an open-file limit of at least " + (2 * PAIRS + 500));
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

    @Test
    void unixWithWhateverTheMachineHolds() throws Exception {
        report("unix", DumpKind.UNIX, List.of("ss", "-xan"));
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
        assertTrue(count > 0);
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
    public static void main(String[] args) throws Exception {
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
