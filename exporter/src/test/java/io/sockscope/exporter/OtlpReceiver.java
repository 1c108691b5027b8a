package io.sockscope.exporter;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

/**
 * An OTLP/HTTP metrics receiver for the tests, on 127.0.0.1 and a port of the system's choosing: {@code POST
 * /v1/metrics} with {@code Content-Type: application/x-protobuf} (gzipped when {@code Content-Encoding: gzip} says
 * so) is decoded as an {@link ExportMetricsServiceRequest} with the protocol's own classes, queued for the test, and
 * answered 200 with an empty {@link ExportMetricsServiceResponse}. Any other path gets 404, any other method 405,
 * any other content type 415, a body that does not decode 400; those are noted in {@link #refusals()} so that a test
 * can say why nothing arrived.
 */
public final class OtlpReceiver implements AutoCloseable {
    /** The OTLP/HTTP path of metrics. */
    static final String PATH = "/v1/metrics";

    private final HttpServer server;
    private final ExecutorService thread;
    private final BlockingQueue<ExportMetricsServiceRequest> received = new LinkedBlockingQueue<>();
    private final List<String> refusals = new CopyOnWriteArrayList<>();

    private OtlpReceiver(HttpServer server, ExecutorService thread) {
        this.server = server;
        this.thread = thread;
    }

    /** Starts receiving on 127.0.0.1. */
    public static OtlpReceiver start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "otlp-receiver");
            t.setDaemon(true);
            return t;
        });
        OtlpReceiver receiver = new OtlpReceiver(server, thread);
        server.setExecutor(thread);
        server.createContext("/", receiver::handle);
        server.start();
        return receiver;
    }

    /** The port it listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** The full endpoint an exporter pushes to: {@code http://127.0.0.1:PORT/v1/metrics}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port() + PATH);
    }

    /** The next request received, waiting at most {@code millis}; null when none came. */
    public ExportMetricsServiceRequest poll(long millis) throws InterruptedException {
        return received.poll(millis, TimeUnit.MILLISECONDS);
    }

    /**
     * The first request received from now on (those queued before included) that {@code wanted} accepts, waiting
     * at most {@code millis} in all; null when none came. The requests it passes over are dropped.
     */
    public ExportMetricsServiceRequest await(Predicate<ExportMetricsServiceRequest> wanted, long millis)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            ExportMetricsServiceRequest request = received.poll(left, TimeUnit.NANOSECONDS);
            if (request == null) {
                return null;
            }
            if (wanted.test(request)) {
                return request;
            }
        }
    }

    /** Every request received and not taken yet, taken now. */
    public List<ExportMetricsServiceRequest> drain() {
        List<ExportMetricsServiceRequest> all = new ArrayList<>();
        received.drainTo(all);
        return all;
    }

    /** What it refused so far, one line each (status, method, path, why). */
    public List<String> refusals() {
        return List.copyOf(refusals);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            // The body is read whatever the answer, so that the client's connection stays usable.
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            if (!PATH.equals(path)) {
                refuse(exchange, 404, method + " " + path + ": not " + PATH);
                return;
            }
            if (!"POST".equals(method)) {
                exchange.getResponseHeaders().set("Allow", "POST");
                refuse(exchange, 405, method + " " + path + ": not POST");
                return;
            }
            String type = exchange.getRequestHeaders().getFirst("Content-Type");
            if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/x-protobuf")) {
                refuse(exchange, 415, method + " " + path + ": Content-Type " + type);
                return;
            }
            String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
            ExportMetricsServiceRequest request;
            try {
                if (encoding != null && encoding.equalsIgnoreCase("gzip")) {
                    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
                        body = in.readAllBytes();
                    }
                } else if (encoding != null && !encoding.equalsIgnoreCase("identity")) {
                    refuse(exchange, 415, method + " " + path + ": Content-Encoding " + encoding);
                    return;
                }
                request = ExportMetricsServiceRequest.parseFrom(body);
            } catch (IOException e) {
                refuse(exchange, 400, method + " " + path + ": " + e);
                return;
            }
            received.add(request);
            byte[] answer = ExportMetricsServiceResponse.getDefaultInstance().toByteArray();
            exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
            // An empty message is no bytes at all: -1 is the JDK server's "no body".
            exchange.sendResponseHeaders(200, answer.length == 0 ? -1 : answer.length);
            if (answer.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
            }
        }
    }

    private void refuse(HttpExchange exchange, int status, String why) throws IOException {
        refusals.add(status + " " + why);
        byte[] text = (why + "\n").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, text.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(text);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        thread.shutdownNow();
    }
}
