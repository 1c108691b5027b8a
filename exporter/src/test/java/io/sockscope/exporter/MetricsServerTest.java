package io.sockscope.exporter;

import io.sockscope.export.MetricsSnapshot;
import io.sockscope.export.SeriesPlace;
import io.sockscope.export.SocketCount;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link MetricsServer} on a real loopback socket: scrapes waiting on a slow snapshot hold none of its threads, they
 * share that one snapshot, and a failed snapshot is a 500 with its reason.
 */
@Timeout(60)
class MetricsServerTest {
    private static final int THREADS = 2;

    private static MetricsSnapshot snapshot(long established) {
        return new MetricsSnapshot(1, false, List.of(new SocketCount(SeriesPlace.NONE, "tcp", "established",
                established)), List.of(), List.of(), List.of(), List.of(), MetricsSnapshot.TruncatedSeries.NONE, 0);
    }

    private static HttpRequest get(InetSocketAddress at, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + at.getPort() + path)).build();
    }

    @Test
    void scrapesWaitingOnASlowSnapshotHoldNoThreadAndShareIt() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger taken = new AtomicInteger();
        List<String> warnings = new CopyOnWriteArrayList<>();
        try (SharedSnapshots shared = new SharedSnapshots(() -> {
            taken.incrementAndGet();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return snapshot(42);
        });
             MetricsServer server = MetricsServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                     shared, THREADS, warnings::add)) {
            HttpClient client = HttpClient.newHttpClient();
            // Four times as many scrapes as the server has threads, all waiting on one dump.
            List<CompletableFuture<HttpResponse<String>>> scrapes = new ArrayList<>();
            for (int i = 0; i < 4 * THREADS; i++) {
                scrapes.add(client.sendAsync(get(server.address(), "/metrics"), HttpResponse.BodyHandlers.ofString()));
            }
            Thread.sleep(500);
            HttpResponse<String> meanwhile = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + server.address().getPort() + "/")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, meanwhile.statusCode(), "answered while every scrape waits");
            release.countDown();
            for (CompletableFuture<HttpResponse<String>> scrape : scrapes) {
                HttpResponse<String> r = scrape.get(20, TimeUnit.SECONDS);
                assertEquals(200, r.statusCode());
                assertTrue(r.body().contains("sockscope_sockets{netid=\"tcp\",state=\"established\"} 42.0"),
                        r.body());
            }
            assertTrue(taken.get() <= 2, "the scrapes shared the snapshot in flight: " + taken.get() + " taken");
            assertEquals(List.of(), warnings);
        }
    }

    @Test
    void aFailedSnapshotIsA500WithItsReasonAndOnlyGetIsAnswered() throws Exception {
        List<String> warnings = new CopyOnWriteArrayList<>();
        try (SharedSnapshots shared = new SharedSnapshots(() -> {
            throw new SnapshotException("no socket table could be read", null);
        });
             MetricsServer server = MetricsServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                     shared, THREADS, warnings::add)) {
            HttpClient client = HttpClient.newHttpClient();
            HttpResponse<String> failed = client.send(get(server.address(), "/metrics"),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(500, failed.statusCode());
            assertEquals("scrape failed: no socket table could be read\n", failed.body());
            assertEquals(List.of("scrape failed: no socket table could be read"), warnings);

            HttpResponse<String> posted = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.address().getPort() + "/metrics"))
                    .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(405, posted.statusCode());
            assertEquals("GET", posted.headers().firstValue("Allow").orElse(""));
            assertEquals(404, client.send(get(server.address(), "/metrics/x"), HttpResponse.BodyHandlers.ofString())
                    .statusCode());
        }
    }
}
