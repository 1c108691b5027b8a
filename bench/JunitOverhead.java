import io.sockscope.junit.AllowSocketLeaks;
import io.sockscope.junit.DetectSocketLeaks;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * What @DetectSocketLeaks costs a test: 1,000 trivial tests run through JUnit's launcher with and without the
 * extension, in one JVM, the configurations interleaved round after round (warm-up rounds first), the median round
 * of each reported and the difference per test. Two pairs:
 * - fast path: a test that opens nothing (two descriptor scans of this JVM and its children, no netlink);
 * - dump path: a test that opens a socket and closes the previous test's, so that every test ends holding a socket
 *   it did not hold before: the extension lingers 0 ms (a longer linger adds itself), reads the kernel's tables,
 *   classifies, publishes the report (allowed by @AllowSocketLeaks, so nothing fails).
 * Run by bench/junit-overhead, which builds the class path.
 */
public class JunitOverhead {
    static final int TESTS = 1000;

    public static class Plain {
        @RepeatedTest(TESTS)
        void trivial() {
        }
    }

    @DetectSocketLeaks
    public static class Detected {
        @RepeatedTest(TESTS)
        void trivial() {
        }
    }

    /** Each test opens a listener and closes the one the test before it left. */
    static class SwapsASocket {
        private static ServerSocket previous;

        static void swap() throws IOException {
            if (previous != null) {
                previous.close();
            }
            previous = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        }

        @AfterAll
        static void closeTheLast() throws IOException {
            swap();
            previous.close();
            previous = null;
        }
    }

    public static class SocketsPlain extends SwapsASocket {
        @RepeatedTest(TESTS)
        void swapsASocket() throws IOException {
            swap();
        }
    }

    @DetectSocketLeaks(lingerMillis = 0)
    @AllowSocketLeaks(reason = "the benchmark measures the dump path: each test leaves one listener for the next")
    public static class SocketsDetected extends SwapsASocket {
        @RepeatedTest(TESTS)
        void swapsASocket() throws IOException {
            swap();
        }
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        int warmups = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Map<Class<?>, List<Long>> times = new LinkedHashMap<>();
        List<Class<?>> configurations = List.of(Plain.class, Detected.class, SocketsPlain.class, SocketsDetected.class);
        Launcher launcher = LauncherFactory.create();
        for (int round = 0; round < warmups + rounds; round++) {
            for (Class<?> c : configurations) {
                long nanos = run(launcher, c);
                if (round >= warmups) {
                    times.computeIfAbsent(c, k -> new ArrayList<>()).add(nanos);
                }
            }
        }
        System.out.printf("%d tests per run, %d rounds after %d warm-up rounds; median run:%n", TESTS, rounds, warmups);
        for (Class<?> c : configurations) {
            System.out.printf("  %-16s %8.1f ms  (%.3f ms per test; runs %s)%n", c.getSimpleName(),
                    median(times.get(c)) / 1e6, median(times.get(c)) / 1e6 / TESTS, millis(times.get(c)));
        }
        System.out.printf("fast path: %.3f ms per test%n", (median(times.get(Detected.class))
                - median(times.get(Plain.class))) / 1e6 / TESTS);
        System.out.printf("dump path: %.3f ms per test%n", (median(times.get(SocketsDetected.class))
                - median(times.get(SocketsPlain.class))) / 1e6 / TESTS);
    }

    private static long run(Launcher launcher, Class<?> c) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request().selectors(selectClass(c)).build();
        AtomicInteger passed = new AtomicInteger();
        List<String> failed = new ArrayList<>();
        long start = System.nanoTime();
        launcher.execute(request, new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                if (result.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
                    if (id.isTest()) {
                        passed.incrementAndGet();
                    }
                } else {
                    failed.add(id.getDisplayName() + ": " + result.getThrowable().orElse(null));
                }
            }
        });
        long nanos = System.nanoTime() - start;
        if (passed.get() != TESTS || !failed.isEmpty()) {
            throw new IllegalStateException(c.getSimpleName() + ": " + passed + " of " + TESTS + " passed; " + failed);
        }
        return nanos;
    }

    private static double median(List<Long> values) {
        long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2.0;
    }

    private static String millis(List<Long> values) {
        return Arrays.toString(values.stream().mapToLong(v -> Math.round(v / 1e6)).toArray());
    }
}
