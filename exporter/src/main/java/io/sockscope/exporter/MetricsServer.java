package io.sockscope.exporter;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.sockscope.export.MetricsSnapshot;
import io.sockscope.model.WarningSink;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /metrics} over HTTP/1.1 (the JDK's server): the Prometheus text format, or OpenMetrics 1.0 when the
 * {@code Accept} header asks for it, as Prometheus does. A scrape's handler returns at once; the response is
 * written when the snapshot it waits for is ready ({@link SharedSnapshots}), so that a slow dump holds none of the
 * server's threads. Any other method gets 405, any other path 404; nothing but the metrics is served.
 */
public final class MetricsServer implements AutoCloseable {
    /** The path Prometheus scrapes by default. */
    public static final String PATH = "/metrics";

    private final HttpServer server;
    private final ExecutorService threads;
    private final SharedSnapshots snapshots;
    private final WarningSink warnings;
    private final PrometheusTextFormatWriter text = PrometheusTextFormatWriter.create();
    private final OpenMetricsTextFormatWriter openMetrics = OpenMetricsTextFormatWriter.create();

    private MetricsServer(HttpServer server, ExecutorService threads, SharedSnapshots snapshots,
                          WarningSink warnings) {
        this.server = server;
        this.threads = threads;
        this.snapshots = snapshots;
        this.warnings = warnings;
    }

    /**
     * Binds {@code address} and starts serving; {@code threads} serve requests and write responses.
     *
     * @throws IOException when the address cannot be bound (in use, not this host's, not permitted)
     */
    public static MetricsServer start(InetSocketAddress address, SharedSnapshots snapshots, int threads,
                                      WarningSink warnings) throws IOException {
        HttpServer server = HttpServer.create(address, 64);
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "sockscope-http");
            t.setDaemon(true);
            return t;
        });
        MetricsServer metrics = new MetricsServer(server, pool, snapshots, warnings);
        server.setExecutor(pool);
        server.createContext("/", metrics::handle);
        server.start();
        return metrics;
    }

    /** The address bound (its port, when 0 was asked for). */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (!PATH.equals(path)) {
            if ("/".equals(path)) {
                plain(exchange, 200, "sockscope exporter: metrics at " + PATH + "\n");
            } else {
                plain(exchange, 404, "not found: metrics are at " + PATH + "\n");
            }
            return;
        }
        if (!"GET".equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().set("Allow", "GET");
            plain(exchange, 405, "method not allowed: " + PATH + " answers GET only\n");
            return;
        }
        ExpositionFormatWriter writer = writerFor(exchange.getRequestHeaders().getFirst("Accept"));
        snapshots.next().whenCompleteAsync((snapshot, failure) -> respond(exchange, writer, snapshot, failure),
                threads);
    }

    /** OpenMetrics when the scraper asks for it (Prometheus does), else the classic text format. */
    private ExpositionFormatWriter writerFor(String accept) {
        return accept != null && openMetrics.accepts(accept) ? openMetrics : text;
    }

    private void respond(HttpExchange exchange, ExpositionFormatWriter writer, MetricsSnapshot snapshot,
                         Throwable failure) {
        try {
            if (failure != null) {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                warnings.warn("scrape failed: " + cause.getMessage());
                plain(exchange, 500, "scrape failed: " + cause.getMessage() + "\n");
                return;
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream(16 * 1024);
            writer.write(body, PrometheusSnapshots.of(snapshot));
            exchange.getResponseHeaders().set("Content-Type", writer.getContentType());
            exchange.sendResponseHeaders(200, body.size());
            try (OutputStream out = exchange.getResponseBody()) {
                body.writeTo(out);
            }
        } catch (IOException | RuntimeException e) {
            // The scraper went away (or gave up on its timeout): nothing to answer.
            exchange.close();
        }
    }

    private static void plain(HttpExchange exchange, int status, String message) throws IOException {
        byte[] body = message.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        if ("HEAD".equals(exchange.getRequestMethod())) {
            // A HEAD answer has no body; a length here makes the JDK's server complain on stderr.
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
            return;
        }
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** Stops accepting, gives exchanges in progress up to a second, and stops the threads. */
    @Override
    public void close() {
        server.stop(1);
        threads.shutdownNow();
        try {
            threads.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
