package io.sockscope.cli;

import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.sockscope.exporter.OtlpReceiver;
import io.sockscope.testing.CommandRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@code sockscope serve --listen 127.0.0.1:P --otlp URL --every 1s}, run as a process of its own, pushes OTLP that
 * agrees with what it serves at {@code /metrics} at about the same time, on what the test controls: a listener the
 * test holds on 127.0.0.1 is in both ({@code sockscope.listener.info} with {@code network.local.port} and
 * {@code sockscope.address_scope=loopback}, {@code sockscope_listener_info{port, address_scope="loopback"}}), with
 * the same holder's name, and the test JVM is a process of both with the sockets it holds (a listener and a
 * connected pair at least) and the CLOSE-WAIT one it leaves open, its pid an integer {@code process.pid} in OTLP
 * and the {@code pid} label in Prometheus.
 * The push arrives at a receiver of the test's own on loopback, decoded with the protocol's classes; the command
 * then stops on SIGTERM with exit status 0.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ServeOtlpTest {
    private static final long PUSH_WAIT_MILLIS = 20_000;

    @Test
    void thePushAndTheScrapeAgreeOnTheTestsListenerAndProcess() throws Exception {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        long pid = ProcessHandle.current().pid();
        String command = Files.readString(Path.of("/proc/self/comm")).strip();
        Path errors = Files.createTempFile("sockscope-serve-", ".err");
        Process serve = null;
        try (OtlpReceiver receiver = OtlpReceiver.start();
             ServerSocket listener = new ServerSocket(0, 16, loopback);
             Socket client = new Socket(loopback, listener.getLocalPort());
             Socket accepted = listener.accept();
             Socket closing = new Socket(loopback, listener.getLocalPort());
             Socket leaked = listener.accept()) {
            int port = listener.getLocalPort();
            assertTrue(client.isConnected() && accepted.isConnected());
            // The peer sends its FIN and the test never closes: the test JVM holds a CLOSE-WAIT socket, as a leak does.
            closing.shutdownOutput();
            assertEquals(-1, leaked.getInputStream().read(), "the peer's FIN arrived");
            int httpPort = freePort(loopback);
            List<String> words = CommandRun.sockscope("serve", "--listen", "127.0.0.1:" + httpPort,
                    "--otlp", "http://127.0.0.1:" + receiver.port(), "--every", "1s");
            serve = new ProcessBuilder(words).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(errors.toFile()).start();

            // The first push that shows the test's listener and process (every push should).
            ExportMetricsServiceRequest request = null;
            Map<String, Metric> metrics = Map.of();
            long deadline = System.currentTimeMillis() + PUSH_WAIT_MILLIS;
            while (request == null) {
                long left = deadline - System.currentTimeMillis();
                ExportMetricsServiceRequest r = left <= 0 ? null : receiver.poll(left);
                if (r == null) {
                    fail("no push with the test's listener and process within " + PUSH_WAIT_MILLIS + " ms; alive: "
                            + serve.isAlive() + "; refused: " + receiver.refusals() + "; stderr:\n"
                            + Files.readString(errors));
                }
                Map<String, Metric> m = sockscopeMetrics(r);
                if (!listenerPoints(m, port).isEmpty() && !processPoints(m, pid).isEmpty()) {
                    request = r;
                    metrics = m;
                }
            }
            List<Map<String, String>> scrape = scrape(httpPort);

            Map<String, Object> resource = attributes(request.getResourceMetrics(0).getResource()
                    .getAttributesList());
            assertEquals("sockscope", resource.get("service.name"), resource.toString());
            assertEquals(Files.readString(Path.of("/proc/sys/kernel/hostname")).strip(), resource.get("host.name"),
                    "the kernel's host name");

            // The listener: one point in OTLP, one series in Prometheus, the same in both.
            List<Map<String, Object>> pushedListener = listenerPoints(metrics, port);
            assertEquals(1, pushedListener.size(), pushedListener.toString());
            Map<String, Object> l = pushedListener.getFirst();
            assertEquals("tcp", l.get("network.transport"), l.toString());
            // The JDK binds a dual-stack socket where it can: ss (and sockscope) name it ::ffff:127.0.0.1.
            assertTrue(List.of("127.0.0.1", "::ffff:127.0.0.1").contains(l.get("network.local.address")),
                    l.toString());
            assertEquals((long) port, l.get("network.local.port"), "the port an integer: " + l);
            assertEquals("loopback", l.get("sockscope.address_scope"), l.toString());
            assertEquals(command, l.get("process.executable.name"), "the test JVM holds it: " + l);
            List<Map<String, String>> scrapedListener = scrape.stream()
                    .filter(s -> s.get("__name__").equals("sockscope_listener_info")
                            && String.valueOf(port).equals(s.get("port")))
                    .toList();
            assertEquals(1, scrapedListener.size(), scrapedListener.toString());
            Map<String, String> s = scrapedListener.getFirst();
            assertEquals("tcp", s.get("netid"), s.toString());
            assertEquals(l.get("network.local.address"), s.get("address"), s.toString());
            assertEquals("loopback", s.get("address_scope"), s.toString());
            assertEquals(command, s.get("process"), s.toString());
            assertEquals(1.0, Double.parseDouble(s.get("__value__")), s.toString());

            // The test JVM: its pid as an integer attribute, its sockets (a listener and a pair at least).
            List<Long> pushedSockets = processPoints(metrics, pid);
            assertEquals(1, pushedSockets.size(), pushedSockets.toString());
            assertTrue(pushedSockets.getFirst() >= 3, "the test JVM's sockets pushed: " + pushedSockets);
            List<Map<String, String>> scrapedProcess = scrape.stream()
                    .filter(p -> p.get("__name__").equals("sockscope_process_sockets")
                            && Long.toString(pid).equals(p.get("pid")))
                    .toList();
            assertEquals(1, scrapedProcess.size(), scrapedProcess.toString());
            assertEquals(command, scrapedProcess.getFirst().get("process"));
            assertTrue(Double.parseDouble(scrapedProcess.getFirst().get("__value__")) >= 3,
                    "the test JVM's sockets scraped: " + scrapedProcess);

            // The CLOSE-WAIT socket: counted for the test JVM in both.
            List<Long> pushedCloseWait = processPoints(metrics, "sockscope.close_wait.sockets", pid);
            assertEquals(1, pushedCloseWait.size(), pushedCloseWait.toString());
            assertTrue(pushedCloseWait.getFirst() >= 1, "the test JVM's CLOSE-WAIT pushed: " + pushedCloseWait);
            List<Map<String, String>> scrapedCloseWait = scrape.stream()
                    .filter(p -> p.get("__name__").equals("sockscope_close_wait_sockets")
                            && Long.toString(pid).equals(p.get("pid")))
                    .toList();
            assertEquals(1, scrapedCloseWait.size(), scrapedCloseWait.toString());
            assertTrue(Double.parseDouble(scrapedCloseWait.getFirst().get("__value__")) >= 1,
                    "the test JVM's CLOSE-WAIT scraped: " + scrapedCloseWait);

            // Stopped as a service manager stops it: SIGTERM, exit 0.
            serve.destroy();
            assertTrue(serve.waitFor(5, TimeUnit.SECONDS), "stopped within 5 s of SIGTERM");
            String stderr = Files.readString(errors);
            assertEquals(0, serve.exitValue(), stderr);
            assertTrue(stderr.contains("sockscope: pushing OTLP metrics to http://127.0.0.1:" + receiver.port()
                    + "/v1/metrics every 1s"), stderr);
            assertTrue(stderr.contains("sockscope: serving metrics at http://127.0.0.1:" + httpPort + "/metrics"),
                    stderr);
            assertFalse(stderr.contains("OTLP push"), "no push failed: " + stderr);
            assertEquals(List.of(), receiver.refusals());
        } finally {
            if (serve != null && serve.isAlive()) {
                serve.destroyForcibly();
                serve.waitFor(10, TimeUnit.SECONDS);
            }
            Files.deleteIfExists(errors);
        }
    }

    /** The listener info points whose {@code network.local.port} is {@code port}: their attributes. */
    private static List<Map<String, Object>> listenerPoints(Map<String, Metric> metrics, int port) {
        Metric info = metrics.get("sockscope.listener.info");
        if (info == null) {
            return List.of();
        }
        List<Map<String, Object>> found = new ArrayList<>();
        for (NumberDataPoint p : info.getGauge().getDataPointsList()) {
            Map<String, Object> a = attributes(p.getAttributesList());
            if (Long.valueOf(port).equals(a.get("network.local.port"))) {
                assertEquals(1, p.getAsInt(), "an info point is 1: " + a);
                found.add(a);
            }
        }
        return found;
    }

    /** The {@code sockscope.process.sockets} values of the points whose {@code process.pid} is {@code pid}. */
    private static List<Long> processPoints(Map<String, Metric> metrics, long pid) {
        return processPoints(metrics, "sockscope.process.sockets", pid);
    }

    /** The values of the gauge {@code name}'s points whose {@code process.pid} is {@code pid}. */
    private static List<Long> processPoints(Map<String, Metric> metrics, String name, long pid) {
        Metric sockets = metrics.get(name);
        if (sockets == null) {
            return List.of();
        }
        List<Long> found = new ArrayList<>();
        for (NumberDataPoint p : sockets.getGauge().getDataPointsList()) {
            if (Long.valueOf(pid).equals(attributes(p.getAttributesList()).get("process.pid"))) {
                found.add(p.getAsInt());
            }
        }
        return found;
    }

    /** The metrics of the {@code io.sockscope} scope, by name. */
    private static Map<String, Metric> sockscopeMetrics(ExportMetricsServiceRequest request) {
        Map<String, Metric> metrics = new HashMap<>();
        for (ResourceMetrics r : request.getResourceMetricsList()) {
            for (ScopeMetrics scope : r.getScopeMetricsList()) {
                if (scope.getScope().getName().equals("io.sockscope")) {
                    for (Metric m : scope.getMetricsList()) {
                        metrics.put(m.getName(), m);
                    }
                }
            }
        }
        return metrics;
    }

    private static Map<String, Object> attributes(List<KeyValue> list) {
        Map<String, Object> attributes = new HashMap<>();
        for (KeyValue kv : list) {
            AnyValue v = kv.getValue();
            attributes.put(kv.getKey(), switch (v.getValueCase()) {
                case STRING_VALUE -> v.getStringValue();
                case INT_VALUE -> v.getIntValue();
                case DOUBLE_VALUE -> v.getDoubleValue();
                case BOOL_VALUE -> v.getBoolValue();
                default -> v.toString();
            });
        }
        return attributes;
    }

    /** {@code GET /metrics}, each sample as its labels plus {@code __name__} and {@code __value__}. */
    private static List<Map<String, String>> scrape(int port) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/metrics")).timeout(Duration.ofSeconds(20)).GET()
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        List<Map<String, String>> samples = new ArrayList<>();
        for (ScrapedSample sample : ScrapedSample.all(response.body())) {
            Map<String, String> labels = new HashMap<>(sample.labels());
            labels.put("__name__", sample.name());
            labels.put("__value__", Double.toString(sample.value()));
            samples.add(labels);
        }
        return samples;
    }

    private static int freePort(InetAddress address) throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, address)) {
            return probe.getLocalPort();
        }
    }
}
