package io.sockscope.exporter;

import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.sockscope.export.AddressScope;
import io.sockscope.export.ListenQueue;
import io.sockscope.export.ListenerSeries;
import io.sockscope.export.MetricsSnapshot;
import io.sockscope.export.ProcessSeries;
import io.sockscope.export.QueuedBytes;
import io.sockscope.export.SeriesPlace;
import io.sockscope.export.SocketCount;
import io.sockscope.model.WarningSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * What {@link OtlpPush} sends is the snapshot it was given, exactly, in OpenTelemetry's terms: one hand-built
 * {@link MetricsSnapshot} is pushed to a receiver of the test's own ({@link OtlpReceiver}, which decodes the
 * requests with the protocol's classes) and every metric that arrives is compared with it, point by point: its
 * resource ({@code service.name}, {@code host.name}), its names, units, kinds (non-monotonic sums, a monotonic
 * cumulative sum, gauges), the attribute names and types ({@code network.local.port} and {@code process.pid} as
 * integers), the state names of {@code system.network.connections} ({@code close-wait} → {@code close_wait},
 * {@code listening} → {@code listen}, none for unix sockets), and what the {@code other} row leaves out. It also
 * proves the failures stay one-line warnings: a snapshot that cannot be taken sends no data and warns once per push,
 * an endpoint that refuses connections is named in a warning with nothing written to stderr; and that closing the
 * push sends what is due.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OtlpPushTest {
    private static final long PUSH_WAIT_MILLIS = 10_000;
    /** How long the source takes: the measured duration then has a floor the test knows. */
    private static final long TAKE_MILLIS = 30;

    private static final MetricsSnapshot SNAPSHOT = new MetricsSnapshot(1_700_000_000_000L, false,
            List.of(new SocketCount(SeriesPlace.NONE, "tcp", "established", 7),
                    new SocketCount(SeriesPlace.NONE, "tcp", "close-wait", 3),
                    new SocketCount(SeriesPlace.NONE, "tcp", "listening", 2),
                    new SocketCount(SeriesPlace.NONE, "tcp", "fin-wait-1", 1),
                    new SocketCount(SeriesPlace.NONE, "tcp", "unknown", 1),
                    new SocketCount(SeriesPlace.NONE, "udp", "unconnected", 4),
                    new SocketCount(SeriesPlace.NONE, "u_str", "established", 11),
                    new SocketCount(SeriesPlace.NONE, "u_str", "listening", 5)),
            List.of(new ListenerSeries(SeriesPlace.NONE, "tcp", AddressScope.ANY, "0.0.0.0", 22, "sshd"),
                    new ListenerSeries(SeriesPlace.NONE, "udp", AddressScope.SPECIFIC, "192.0.2.10", 53, ""),
                    new ListenerSeries(SeriesPlace.NONE, "tcp", AddressScope.LOOPBACK, "127.0.0.1", 8080, "java")),
            List.of(new ListenQueue(SeriesPlace.NONE, "tcp", "0.0.0.0", 22, 0, 4096),
                    new ListenQueue(SeriesPlace.NONE, "tcp", "127.0.0.1", 8080, 3, 128)),
            List.of(new QueuedBytes(SeriesPlace.NONE, "tcp", 1500, 230), new QueuedBytes(SeriesPlace.NONE, "udp", 40, 0)),
            List.of(new ProcessSeries("java", "4242", 12, 3, 37.5, 40, 1024),
                    new ProcessSeries("sshd", "1", 3, 0, 0, 10, -1),
                    new ProcessSeries("nginx", "77", 2, 0, 0, -1, -1),
                    new ProcessSeries(ProcessSeries.OTHER, "", 9, 1, 5.25, -1, -1)),
            new MetricsSnapshot.TruncatedSeries(7, 2, 1), 0);

    @Test
    void everyMetricArrivesAsTheSnapshotSaysInOpenTelemetryTerms() throws Exception {
        List<String> warnings = Collections.synchronizedList(new ArrayList<>());
        try (OtlpReceiver receiver = OtlpReceiver.start();
             SharedSnapshots snapshots = new SharedSnapshots(fixed(SNAPSHOT, new AtomicInteger()));
             OtlpPush _ = OtlpPush.start(receiver.endpoint(), 200, "test-host", snapshots, warnings::add)) {
            ExportMetricsServiceRequest request = receiver.await(OtlpPushTest::hasSockscopeMetrics,
                    PUSH_WAIT_MILLIS);
            assertNotNull(request, "a push within " + PUSH_WAIT_MILLIS + " ms; refused: " + receiver.refusals()
                    + "; warnings: " + warnings);
            assertEquals(1, request.getResourceMetricsCount(), "one resource");
            ResourceMetrics resource = request.getResourceMetrics(0);
            Map<String, Object> resourceAttributes = attributes(resource.getResource().getAttributesList());
            assertEquals("sockscope", resourceAttributes.get("service.name"), resourceAttributes.toString());
            assertEquals("test-host", resourceAttributes.get("host.name"), resourceAttributes.toString());
            Map<String, Metric> metrics = byName(sockscopeScope(request).getMetricsList());
            assertEquals(List.of("process.open_file_descriptor.count", "sockscope.close_wait.oldest",
                    "sockscope.close_wait.sockets", "sockscope.listen_queue", "sockscope.listen_queue.limit",
                    "sockscope.listener.info", "sockscope.process.max_fds", "sockscope.process.sockets",
                    "sockscope.queued", "sockscope.scrape.duration", "sockscope.series.truncated", "sockscope.sockets",
                    "system.network.connections"), metrics.keySet().stream().sorted().toList());

            Metric connections = metrics.get("system.network.connections");
            assertSum(connections, false, "{connection}");
            assertEquals(Map.of(
                    tcp("established"), 7L,
                    tcp("close_wait"), 3L,
                    tcp("listen"), 2L,
                    tcp("fin_wait_1"), 1L,
                    Map.of("network.transport", "udp", "network.connection.state", "close"), 4L),
                    points(connections), "a point per TCP and UDP state the convention names, none for u_str");

            Metric sockets = metrics.get("sockscope.sockets");
            assertGauge(sockets, "{socket}");
            Map<Map<String, Object>, Object> expectedSockets = new HashMap<>();
            for (SocketCount c : SNAPSHOT.sockets()) {
                expectedSockets.put(Map.of("sockscope.netid", c.netid(), "sockscope.state", c.state()), c.count());
            }
            assertEquals(expectedSockets, points(sockets), "every row, with ss's names");

            Metric listeners = metrics.get("sockscope.listener.info");
            assertGauge(listeners, "");
            assertEquals(Map.of(
                    listener("tcp", "0.0.0.0", 22, "any", "sshd"), 1L,
                    listener("udp", "192.0.2.10", 53, "specific", ""), 1L,
                    listener("tcp", "127.0.0.1", 8080, "loopback", "java"), 1L), points(listeners));

            Map<Map<String, Object>, Object> queueAttributes = Map.of(
                    queue("0.0.0.0", 22), 0L, queue("127.0.0.1", 8080), 3L);
            assertGauge(metrics.get("sockscope.listen_queue"), "{connection}");
            assertEquals(queueAttributes, points(metrics.get("sockscope.listen_queue")));
            assertGauge(metrics.get("sockscope.queued"), "By");
            assertEquals(Map.of(
                    Map.of("network.transport", "tcp", "sockscope.queue", "receive"), 1500L,
                    Map.of("network.transport", "tcp", "sockscope.queue", "send"), 230L,
                    Map.of("network.transport", "udp", "sockscope.queue", "receive"), 40L,
                    Map.of("network.transport", "udp", "sockscope.queue", "send"), 0L),
                    points(metrics.get("sockscope.queued")), "both queues of each table");
            assertGauge(metrics.get("sockscope.listen_queue.limit"), "{connection}");
            assertEquals(Map.of(queue("0.0.0.0", 22), 4096L, queue("127.0.0.1", 8080), 128L),
                    points(metrics.get("sockscope.listen_queue.limit")));

            Map<String, Object> java = process("java", 4242L);
            Map<String, Object> sshd = process("sshd", 1L);
            Map<String, Object> nginx = process("nginx", 77L);
            Map<String, Object> other = Map.of("process.executable.name", "other");
            assertGauge(metrics.get("sockscope.process.sockets"), "{socket}");
            assertEquals(Map.of(java, 12L, sshd, 3L, nginx, 2L, other, 9L),
                    points(metrics.get("sockscope.process.sockets")), "process.pid an integer, none for other");
            assertGauge(metrics.get("sockscope.close_wait.sockets"), "{socket}");
            assertEquals(Map.of(java, 3L, sshd, 0L, nginx, 0L, other, 1L),
                    points(metrics.get("sockscope.close_wait.sockets")));
            assertGauge(metrics.get("sockscope.close_wait.oldest"), "s");
            assertEquals(Map.of(java, 37.5, sshd, 0.0, nginx, 0.0, other, 5.25),
                    points(metrics.get("sockscope.close_wait.oldest")));
            assertSum(metrics.get("process.open_file_descriptor.count"), false, "{file_descriptor}");
            assertEquals(Map.of(java, 40L, sshd, 10L), points(metrics.get("process.open_file_descriptor.count")),
                    "no point where the descriptors are unknown (-1), none for other");
            assertGauge(metrics.get("sockscope.process.max_fds"), "{file_descriptor}");
            assertEquals(Map.of(java, 1024L), points(metrics.get("sockscope.process.max_fds")),
                    "no point for an unlimited or unknown limit, none for other");

            Metric duration = metrics.get("sockscope.scrape.duration");
            assertGauge(duration, "s");
            Map<Map<String, Object>, Object> durations = points(duration);
            assertEquals(1, durations.size(), durations.toString());
            assertEquals(Map.of(), durations.keySet().iterator().next(), "no attributes");
            double seconds = (Double) durations.values().iterator().next();
            // SharedSnapshots writes the time the source took over the snapshot's own (0 here).
            assertTrue(seconds >= TAKE_MILLIS / 1000.0 && seconds < 10, "the time taking it took: " + seconds);

            Metric truncated = metrics.get("sockscope.series.truncated");
            assertSum(truncated, true, "{series}");
            assertEquals(Map.of(Map.of("sockscope.series", "process"), 7L,
                    Map.of("sockscope.series", "listener"), 2L,
                    Map.of("sockscope.series", "listen_queue"), 1L), points(truncated));

            assertEquals(List.of(), warnings, "nothing to warn about");
            assertEquals(List.of(), receiver.refusals());
        }
    }

    @Test
    void placeAttributesOnlyWhenEveryNamespaceWasRead() throws Exception {
        SeriesPlace web = new SeriesPlace("pid:4242", "web", "shop/web-0", "");
        SeriesPlace host = new SeriesPlace("inode:4026531840", "", "", "sshd.service");
        List<SocketCount> counts = List.of(new SocketCount(web, "tcp", "established", 2),
                new SocketCount(host, "tcp", "established", 5));
        List<ListenerSeries> listeners = List.of(
                new ListenerSeries(web, "tcp", AddressScope.ANY, "::", 8443, "java"));
        MetricsSnapshot placed = new MetricsSnapshot(0, true, counts, listeners, List.of(), List.of(),
                List.of(new ProcessSeries("java", "4242", 2, 0, 0, 20, 1024)), MetricsSnapshot.TruncatedSeries.NONE,
                0);
        Map<String, Object> webPlace = Map.of("sockscope.netns", "pid:4242", "container.name", "web",
                "sockscope.pod", "shop/web-0");
        Map<String, Object> hostPlace = Map.of("sockscope.netns", "inode:4026531840", "sockscope.unit",
                "sshd.service");
        Map<String, Metric> metrics = pushedOnce(placed);
        assertEquals(Map.of(with(webPlace, tcp("established")), 2L, with(hostPlace, tcp("established")), 5L),
                points(metrics.get("system.network.connections")), "the known parts of each place, no empty ones");
        assertEquals(Map.of(with(webPlace, listener("tcp", "::", 8443, "any", "java")), 1L),
                points(metrics.get("sockscope.listener.info")));
        assertEquals(Map.of(process("java", 4242L), 2L), points(metrics.get("sockscope.process.sockets")),
                "process series carry no place");

        // The same rows from a snapshot of one namespace: no place attributes at all.
        MetricsSnapshot unplaced = new MetricsSnapshot(0, false, counts.subList(0, 1), listeners, List.of(), List.of(),
                List.of(), MetricsSnapshot.TruncatedSeries.NONE, 0);
        Map<String, Metric> plain = pushedOnce(unplaced);
        assertEquals(Map.of(tcp("established"), 2L), points(plain.get("system.network.connections")));
        assertEquals(Map.of(listener("tcp", "::", 8443, "any", "java"), 1L),
                points(plain.get("sockscope.listener.info")));
    }

    @Test
    void aSnapshotThatCannotBeTakenSendsNoDataAndWarnsOncePerPush() throws Exception {
        SnapshotSource failing = () -> {
            throw new SnapshotException("cannot read the socket table: permission denied", null);
        };
        String expected = "OTLP push without metrics: cannot read the socket table: permission denied";
        // One push only, at close: one warning.
        List<String> warnings = Collections.synchronizedList(new ArrayList<>());
        try (OtlpReceiver receiver = OtlpReceiver.start()) {
            try (SharedSnapshots snapshots = new SharedSnapshots(failing);
                 OtlpPush _ = OtlpPush.start(receiver.endpoint(), 60_000, "test-host", snapshots,
                         warnings::add)) {
                assertEquals(List.of(), warnings, "no push before the first interval or the close");
            }
            assertEquals(List.of(expected), warnings, "one warning for the one push");
            assertNoSockscopePoints(receiver);
        }

        // Pushes every 200 ms: one warning each, all the same line, and still no data.
        List<String> often = Collections.synchronizedList(new ArrayList<>());
        try (OtlpReceiver receiver = OtlpReceiver.start()) {
            try (SharedSnapshots snapshots = new SharedSnapshots(failing);
                 OtlpPush _ = OtlpPush.start(receiver.endpoint(), 200, "test-host", snapshots, often::add)) {
                long deadline = System.currentTimeMillis() + PUSH_WAIT_MILLIS;
                while (often.size() < 3 && System.currentTimeMillis() < deadline) {
                    Thread.sleep(20);
                }
            }
            List<String> seen = List.copyOf(often);
            assertTrue(seen.size() >= 3, "a warning per push: " + seen);
            for (String w : seen) {
                assertEquals(expected, w);
            }
            assertNoSockscopePoints(receiver);
        }
    }

    @Test
    void aRefusedEndpointIsNamedInOneLineWarningsAndNothingOnStderr() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        URI endpoint = URI.create("http://127.0.0.1:" + port + OtlpReceiver.PATH);
        List<String> warnings = Collections.synchronizedList(new ArrayList<>());
        PrintStream stderr = System.err;
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        System.setErr(new PrintStream(written, true, StandardCharsets.UTF_8));
        try (SharedSnapshots snapshots = new SharedSnapshots(fixed(SNAPSHOT, new AtomicInteger()));
             OtlpPush _ = OtlpPush.start(endpoint, 200, "test-host", snapshots, warnings::add)) {
            // The SDK retries a refused connection with back-off before it gives up on an export.
            long deadline = System.currentTimeMillis() + 30_000;
            while (warnings.isEmpty() && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
        } finally {
            System.setErr(stderr);
        }
        List<String> seen = List.copyOf(warnings);
        assertFalse(seen.isEmpty(), "a warning within 30 s");
        for (String w : seen) {
            assertTrue(w.startsWith("OTLP push to " + endpoint + ": "), w);
            assertFalse(w.contains("\n"), "one line: " + w);
        }
        assertEquals("", written.toString(StandardCharsets.UTF_8), "nothing on stderr (no stack trace)");
    }

    @Test
    void closingPushesWhatIsDue() throws Exception {
        AtomicInteger taken = new AtomicInteger();
        List<String> warnings = Collections.synchronizedList(new ArrayList<>());
        try (OtlpReceiver receiver = OtlpReceiver.start()) {
            try (SharedSnapshots snapshots = new SharedSnapshots(fixed(SNAPSHOT, taken));
                 OtlpPush _ = OtlpPush.start(receiver.endpoint(), 60_000, "test-host", snapshots,
                         warnings::add)) {
                assertNull(receiver.poll(300), "nothing before the first interval");
            }
            ExportMetricsServiceRequest request = receiver.poll(PUSH_WAIT_MILLIS);
            assertNotNull(request, "close pushed; warnings: " + warnings);
            assertTrue(hasSockscopeMetrics(request));
            assertEquals(Map.of(process("java", 4242L), 12L, process("sshd", 1L), 3L, process("nginx", 77L), 2L,
                            Map.of("process.executable.name", "other"), 9L),
                    points(byName(sockscopeScope(request).getMetricsList())
                            .get("sockscope.process.sockets")));
            assertNull(receiver.poll(300), "one request");
            assertEquals(1, taken.get(), "one snapshot for the one push");
            assertEquals(List.of(), warnings);
        }
    }

    @Test
    void theReceiverRefusesWhatIsNotAnOtlpMetricsPostAndDecodesGzip() throws Exception {
        try (OtlpReceiver receiver = OtlpReceiver.start()) {
            HttpClient client = HttpClient.newHttpClient();
            URI base = URI.create("http://127.0.0.1:" + receiver.port());
            byte[] body = ExportMetricsServiceRequest.newBuilder().addResourceMetrics(ResourceMetrics.newBuilder()
                    .addScopeMetrics(ScopeMetrics.newBuilder().addMetrics(Metric.newBuilder().setName("x"))))
                    .build().toByteArray();
            assertEquals(405, client.send(HttpRequest.newBuilder(receiver.endpoint()).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode());
            assertEquals(404, client.send(HttpRequest.newBuilder(base.resolve("/v1/traces"))
                            .header("Content-Type", "application/x-protobuf")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode());
            assertEquals(415, client.send(HttpRequest.newBuilder(receiver.endpoint())
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode());
            HttpResponse<byte[]> plain = client.send(HttpRequest.newBuilder(receiver.endpoint())
                            .header("Content-Type", "application/x-protobuf")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, plain.statusCode());
            assertEquals(0, plain.body().length, "an empty ExportMetricsServiceResponse");
            HttpResponse<byte[]> zipped = client.send(HttpRequest.newBuilder(receiver.endpoint())
                            .header("Content-Type", "application/x-protobuf").header("Content-Encoding", "gzip")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(gzip(body))).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, zipped.statusCode());
            assertEquals(List.of("x", "x"), receiver.drain().stream()
                    .map(r -> r.getResourceMetrics(0).getScopeMetrics(0).getMetrics(0).getName()).toList());
            assertEquals(3, receiver.refusals().size(), receiver.refusals().toString());
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    /** A source that answers {@code snapshot} every time, after {@link #TAKE_MILLIS}, counting its calls. */
    private static SnapshotSource fixed(MetricsSnapshot snapshot, AtomicInteger taken) {
        return () -> {
            taken.incrementAndGet();
            try {
                Thread.sleep(TAKE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SnapshotException("interrupted", e);
            }
            return snapshot;
        };
    }

    /** The metrics of the one push that closing a push with a long interval sends. */
    private static Map<String, Metric> pushedOnce(MetricsSnapshot snapshot) throws Exception {
        List<String> warnings = Collections.synchronizedList(new ArrayList<>());
        try (OtlpReceiver receiver = OtlpReceiver.start()) {
            try (SharedSnapshots snapshots = new SharedSnapshots(fixed(snapshot, new AtomicInteger()));
                 OtlpPush _ = OtlpPush.start(receiver.endpoint(), 60_000, "test-host", snapshots,
                         warnings::add)) {
                assertNull(receiver.poll(0), "nothing before the close");
            }
            ExportMetricsServiceRequest request = receiver.poll(PUSH_WAIT_MILLIS);
            assertNotNull(request, "close pushed; warnings: " + warnings);
            assertEquals(List.of(), warnings);
            return byName(sockscopeScope(request).getMetricsList());
        }
    }

    private static void assertNoSockscopePoints(OtlpReceiver receiver) throws InterruptedException {
        // Whatever arrives within a moment (the SDK sends nothing when nothing was recorded) has no data points.
        List<ExportMetricsServiceRequest> arrived = new ArrayList<>();
        ExportMetricsServiceRequest r;
        while ((r = receiver.poll(300)) != null) {
            arrived.add(r);
        }
        for (ExportMetricsServiceRequest request : arrived) {
            assertFalse(hasSockscopeMetrics(request), "no sockscope points: " + request);
        }
        assertEquals(List.of(), receiver.refusals());
    }

    /**
     * The one scope of sockscope's metrics; the others (the SDK's own telemetry, {@code io.opentelemetry.*}) are
     * the SDK's business.
     */
    private static ScopeMetrics sockscopeScope(ExportMetricsServiceRequest request) {
        assertEquals(1, request.getResourceMetricsCount(), "one resource");
        ScopeMetrics found = null;
        for (ScopeMetrics scope : request.getResourceMetrics(0).getScopeMetricsList()) {
            String name = scope.getScope().getName();
            if (name.equals("io.sockscope")) {
                assertNull(found, "one io.sockscope scope");
                found = scope;
            } else {
                assertTrue(name.startsWith("io.opentelemetry"), "only the SDK's scopes beside sockscope's: " + name);
            }
        }
        assertNotNull(found, "an io.sockscope scope");
        return found;
    }

    private static boolean hasSockscopeMetrics(ExportMetricsServiceRequest request) {
        return request.getResourceMetricsList().stream().flatMap(r -> r.getScopeMetricsList().stream())
                .filter(s -> s.getScope().getName().equals("io.sockscope"))
                .flatMap(s -> s.getMetricsList().stream()).anyMatch(m -> !dataPoints(m).isEmpty());
    }

    private static Map<String, Metric> byName(List<Metric> metrics) {
        Map<String, Metric> named = new LinkedHashMap<>();
        for (Metric m : metrics) {
            assertNull(named.put(m.getName(), m), "one metric named " + m.getName());
        }
        return named;
    }

    private static void assertGauge(Metric metric, String unit) {
        assertEquals(Metric.DataCase.GAUGE, metric.getDataCase(), metric.getName() + " is a gauge");
        assertEquals(unit, metric.getUnit(), metric.getName() + "'s unit");
        assertFalse(metric.getDescription().isEmpty(), metric.getName() + " is described");
    }

    private static void assertSum(Metric metric, boolean monotonic, String unit) {
        assertEquals(Metric.DataCase.SUM, metric.getDataCase(), metric.getName() + " is a sum");
        assertEquals(monotonic, metric.getSum().getIsMonotonic(), metric.getName() + "'s monotonicity");
        assertEquals(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE,
                metric.getSum().getAggregationTemporality(), metric.getName() + " is cumulative");
        assertEquals(unit, metric.getUnit(), metric.getName() + "'s unit");
        assertFalse(metric.getDescription().isEmpty(), metric.getName() + " is described");
    }

    private static List<NumberDataPoint> dataPoints(Metric metric) {
        return switch (metric.getDataCase()) {
            case GAUGE -> metric.getGauge().getDataPointsList();
            case SUM -> metric.getSum().getDataPointsList();
            default -> fail(metric.getName() + " is a " + metric.getDataCase() + ", neither gauge nor sum");
        };
    }

    /** The metric's points: attributes (typed values) to value (Long or Double, as sent), each set once. */
    private static Map<Map<String, Object>, Object> points(Metric metric) {
        assertNotNull(metric, "the metric was sent");
        Map<Map<String, Object>, Object> points = new HashMap<>();
        for (NumberDataPoint p : dataPoints(metric)) {
            Object value = switch (p.getValueCase()) {
                case AS_INT -> p.getAsInt();
                case AS_DOUBLE -> p.getAsDouble();
                default -> fail(metric.getName() + ": a point without a value");
            };
            Map<String, Object> attributes = attributes(p.getAttributesList());
            assertNull(points.put(attributes, value), metric.getName() + ": one point for " + attributes);
        }
        return points;
    }

    private static Map<String, Object> attributes(List<KeyValue> list) {
        Map<String, Object> attributes = new HashMap<>();
        for (KeyValue kv : list) {
            AnyValue v = kv.getValue();
            Object value = switch (v.getValueCase()) {
                case STRING_VALUE -> v.getStringValue();
                case INT_VALUE -> v.getIntValue();
                case DOUBLE_VALUE -> v.getDoubleValue();
                case BOOL_VALUE -> v.getBoolValue();
                default -> v.toString();
            };
            assertNull(attributes.put(kv.getKey(), value), "one attribute " + kv.getKey());
        }
        return attributes;
    }

    private static Map<String, Object> tcp(String state) {
        return Map.of("network.transport", "tcp", "network.connection.state", state);
    }

    private static Map<String, Object> listener(String netid, String address, long port, String scope,
                                                String process) {
        Map<String, Object> attributes = new HashMap<>(Map.of("network.transport", netid, "network.local.address",
                address, "network.local.port", port, "sockscope.address_scope", scope));
        // A listener whose holder is not known has no process attribute rather than an empty one.
        if (!process.isEmpty()) {
            attributes.put("process.executable.name", process);
        }
        return attributes;
    }

    private static Map<String, Object> queue(String address, long port) {
        return Map.of("network.transport", "tcp", "network.local.address", address, "network.local.port", port);
    }

    private static Map<String, Object> process(String name, long pid) {
        return Map.of("process.executable.name", name, "process.pid", pid);
    }

    private static Map<String, Object> with(Map<String, Object> a, Map<String, Object> b) {
        Map<String, Object> both = new HashMap<>(a);
        both.putAll(b);
        return both;
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(bytes);
        }
        return out.toByteArray();
    }
}
