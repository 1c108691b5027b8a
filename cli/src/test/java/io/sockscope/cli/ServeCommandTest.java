package io.sockscope.cli;

import io.sockscope.testing.CommandRun;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code sockscope serve} tried as a new user would, over HTTP from this JVM: where it says it serves, what
 * {@code /metrics} answers (Prometheus text or OpenMetrics as asked, 405 and 404 otherwise, concurrent scrapes),
 * that this JVM's own listeners appear with their scope, that the process cap folds owners into "other", that
 * SIGTERM ends it cleanly and frees the port, and that mistakes in its arguments are told in one line.
 */
@Timeout(120)
class ServeCommandTest {
    private static final String OPENMETRICS = "application/openmetrics-text;version=1.0.0";

    private static ServeProcess shared;
    private static int sharedPort;
    private static HttpClient http;

    @BeforeAll
    static void startShared() throws Exception {
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .build();
        sharedPort = freePort();
        shared = ServeProcess.start("--listen", "127.0.0.1:" + sharedPort);
    }

    @AfterAll
    static void stopShared() throws IOException {
        if (shared != null) {
            shared.close();
        }
        if (http != null) {
            http.close();
        }
    }

    @Test
    void saysWhereItServes() throws IOException {
        assertEquals(ServeProcess.SERVING + "http://127.0.0.1:" + sharedPort + "/metrics", shared.servingLine(),
                shared.stderr());
    }

    @Test
    void metricsAreThePrometheusTextFormatByDefault() throws Exception {
        HttpResponse<String> response = get(sharedPort, "/metrics", Map.of());
        assertEquals(200, response.statusCode(), response.body());
        String type = response.headers().firstValue("Content-Type").orElse("");
        assertTrue(type.startsWith("text/plain; version=0.0.4"), type);
        assertFalse(ScrapedSample.named(response.body(), "sockscope_sockets").isEmpty(), response.body());
        assertTrue(response.body().contains("# TYPE sockscope_sockets gauge\n"), response.body());
        assertFalse(response.body().contains("# EOF"), "no OpenMetrics ending unless asked");
    }

    @Test
    void openMetricsWhenTheScraperAsksForIt() throws Exception {
        HttpResponse<String> response = get(sharedPort, "/metrics", Map.of("Accept", OPENMETRICS));
        assertEquals(200, response.statusCode(), response.body());
        String type = response.headers().firstValue("Content-Type").orElse("");
        assertTrue(type.startsWith("application/openmetrics-text; version=1.0.0"), type);
        assertTrue(response.body().endsWith("# EOF\n"), "ends as OpenMetrics requires");
        assertFalse(ScrapedSample.named(response.body(), "sockscope_sockets").isEmpty(), response.body());
    }

    @Test
    void otherMethodsGet405AndSayGetIsAllowed() throws Exception {
        for (String method : List.of("POST", "PUT", "DELETE", "HEAD")) {
            HttpRequest request = HttpRequest.newBuilder(uri(sharedPort, "/metrics")).timeout(Duration.ofSeconds(10))
                    .method(method, HttpRequest.BodyPublishers.noBody()).build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            assertEquals(405, response.statusCode(), method);
            assertEquals("GET", response.headers().firstValue("Allow").orElse(""), method);
        }
    }

    @Test
    void anUnknownPathGets404() throws Exception {
        for (String path : List.of("/metric", "/metrics/x", "/debug")) {
            assertEquals(404, get(sharedPort, path, Map.of()).statusCode(), path);
        }
    }

    @Test
    void thisJvmsListenersShowUpWithTheirScope() throws Exception {
        try (ServerSocketChannel loopback = listen("127.0.0.1");
             ServerSocketChannel any = listen("0.0.0.0")) {
            String loopbackPort = port(loopback);
            String body = get(sharedPort, "/metrics", Map.of()).body();
            List<ScrapedSample> listeners = ScrapedSample.named(body, "sockscope_listener_info");
            assertEquals(List.of("loopback"), scopes(listeners, loopbackPort), body);
            assertEquals(List.of("any"), scopes(listeners, port(any)), body);
            ScrapedSample mine = listeners.stream().filter(s -> s.label("port").equals(loopbackPort))
                    .findFirst().orElseThrow();
            assertEquals("127.0.0.1", mine.label("address"), mine.toString());
            assertEquals("tcp", mine.label("netid"), mine.toString());
            assertEquals("java", mine.label("process"), mine.toString());
            assertEquals(1.0, mine.value(), mine.toString());
            List<ScrapedSample> queues = ScrapedSample.named(body, "sockscope_listen_queue_limit").stream()
                    .filter(s -> s.label("port").equals(loopbackPort)).toList();
            assertEquals(1, queues.size(), body);
            assertEquals(50.0, queues.getFirst().value(), "the backlog asked for: " + queues);
        }
    }

    @Test
    void aCloseWaitSocketOfThisJvmIsCountedAndTheScrapeStillAnswers() throws Exception {
        try (ServerSocketChannel server = listen("127.0.0.1")) {
            SocketChannel accepted;
            try (SocketChannel client = SocketChannel.open(StandardProtocolFamily.INET)) {
                client.connect(server.getLocalAddress());
                accepted = server.accept();
            }
            // The client has closed; this end has not: CLOSE-WAIT, held by this JVM.
            try (accepted) {
                String pid = Long.toString(ProcessHandle.current().pid());
                long deadline = System.currentTimeMillis() + 10_000;
                while (true) {
                    HttpResponse<String> response = get(sharedPort, "/metrics", Map.of());
                    assertEquals(200, response.statusCode(), response.body() + shared.stderr());
                    List<ScrapedSample> mine = ScrapedSample.named(response.body(), "sockscope_close_wait_sockets")
                            .stream().filter(s -> s.label("pid").equals(pid)).toList();
                    assertEquals(1, mine.size(), response.body());
                    if (mine.getFirst().value() >= 1 || System.currentTimeMillis() > deadline) {
                        assertTrue(mine.getFirst().value() >= 1, "this JVM's CLOSE-WAIT socket: " + mine);
                        break;
                    }
                    Thread.sleep(100);
                }
            }
        }
    }

    @Test
    void eightConcurrentScrapesAllAnswer() throws Exception {
        List<CompletableFuture<HttpResponse<String>>> scrapes = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            scrapes.add(http.sendAsync(HttpRequest.newBuilder(uri(sharedPort, "/metrics"))
                    .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> scrape : scrapes) {
            HttpResponse<String> response = scrape.get();
            assertEquals(200, response.statusCode(), response.body());
            assertFalse(ScrapedSample.named(response.body(), "sockscope_sockets").isEmpty(), response.body());
        }
    }

    @Test
    void sigtermEndsItWithStatus0AndFreesThePort() throws Exception {
        int port = freePort();
        try (ServeProcess serve = ServeProcess.start("--listen", "127.0.0.1:" + port)) {
            assertEquals(200, get(port, "/metrics", Map.of()).statusCode());
            long started = System.nanoTime();
            assertEquals(0, serve.stop(3_000), serve.stderr());
            assertTrue(System.nanoTime() - started < 3_000_000_000L);
            assertEquals(List.of(ServeProcess.SERVING + "http://127.0.0.1:" + port + "/metrics"),
                    serve.stderr().lines().toList(), "nothing said on the way out");
            assertDoesNotThrow(() -> listen("127.0.0.1", port).close(), "the port is free again");
        }
    }

    @Test
    void theProcessCapFoldsTheRestIntoOther() throws Exception {
        int port = freePort();
        // Two socket owners at least: this JVM (its listener) and the exporter (its own).
        try (ServerSocketChannel mine = listen("127.0.0.1");
             ServeProcess serve = ServeProcess.start("--listen", "127.0.0.1:" + port, "--max-processes", "1")) {
            String body = get(port, "/metrics", Map.of()).body();
            List<ScrapedSample> processes = ScrapedSample.named(body, "sockscope_process_sockets");
            List<ScrapedSample> own = processes.stream().filter(s -> !s.label("process").equals("other")).toList();
            List<ScrapedSample> other = processes.stream().filter(s -> s.label("process").equals("other"))
                    .toList();
            assertEquals(1, own.size(), "one process of its own: " + processes);
            assertFalse(own.getFirst().label("pid").isEmpty(), own.toString());
            assertEquals(1, other.size(), "the rest as other: " + processes);
            assertEquals("", other.getFirst().label("pid"), other.toString());
            assertTrue(other.getFirst().value() >= 1, other.toString());
            for (String family : List.of("sockscope_close_wait_sockets", "sockscope_close_wait_oldest_seconds")) {
                assertEquals(2, ScrapedSample.named(body, family).size(), family + " capped too: " + body);
            }
            List<ScrapedSample> truncated = ScrapedSample.named(body, "sockscope_series_truncated_total").stream()
                    .filter(s -> s.label("series").equals("process")).toList();
            assertEquals(1, truncated.size(), body);
            assertTrue(truncated.getFirst().value() > 0, truncated.toString());
            assertTrue(port(mine).matches("[0-9]+"));
            assertEquals(List.of(ServeProcess.SERVING + "http://127.0.0.1:" + port + "/metrics"),
                    serve.stderr().lines().toList(), "nothing to say about the cap");
        }
    }

    @Test
    void bindingEveryAddressWarnsThatOtherHostsCanReachIt() throws Exception {
        int port = freePort();
        try (ServeProcess serve = ServeProcess.start("--listen", "0.0.0.0:" + port)) {
            String line = serve.servingLine();
            assertTrue(line.startsWith(ServeProcess.SERVING + "http://0.0.0.0:" + port + "/metrics"), line);
            assertTrue(line.contains("reachable from other hosts"), line);
            // Started as java directly, not through bin/sockscope: its socket is dual-stack, and it says so.
            String said = awaitStderr(serve, "also answers on every IPv6 address");
            assertTrue(said.contains("-Djava.net.preferIPv4Stack=true"), said);
        }
    }

    private static String awaitStderr(ServeProcess serve, String text) throws Exception {
        long deadline = System.currentTimeMillis() + 10_000;
        while (!serve.stderr().contains(text) && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        return serve.stderr();
    }

    @Test
    void aPortInUseIsToldInOneLine() throws Exception {
        try (ServerSocketChannel taken = listen("127.0.0.1")) {
            CommandRun run = CommandRun.run(CommandRun.sockscope("serve", "--listen", "127.0.0.1:" + port(taken)),
                    Map.of(), 30);
            assertOneLineError(run);
            assertTrue(run.stderrText().startsWith("sockscope: cannot serve on 127.0.0.1:" + port(taken)),
                    run.stderrText());
        }
    }

    @Test
    void usageErrorsExit1InOneLine() throws Exception {
        List<List<String>> mistakes = List.of(List.of("-t"), List.of("--listen", ":9947"),
                List.of("--listen", "1.2.3.4.5:1"), List.of("--every", "5s"), List.of("foo"));
        for (List<String> mistake : mistakes) {
            List<String> words = new ArrayList<>(List.of("serve"));
            words.addAll(mistake);
            CommandRun run = CommandRun.run(CommandRun.sockscope(words.toArray(String[]::new)), Map.of(), 30);
            assertOneLineError(run);
            assertTrue(run.stderrText().startsWith("sockscope: "), mistake + ": " + run.stderrText());
        }
    }

    private static void assertOneLineError(CommandRun run) {
        String err = run.stderrText();
        assertEquals(1, run.exitCode(), err);
        assertEquals("", run.stdoutText(), err);
        assertEquals(1, err.lines().count(), "one line: " + err);
        assertFalse(err.contains("Exception") || err.contains("\tat "), "no stack trace: " + err);
    }

    private static List<String> scopes(List<ScrapedSample> listeners, String port) {
        return listeners.stream().filter(s -> s.label("port").equals(port)).map(s -> s.label("address_scope"))
                .toList();
    }

    private static HttpResponse<String> get(int port, String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(port, path)).timeout(Duration.ofSeconds(20));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(int port, String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** An IPv4 listener on {@code address} and a port the kernel picks, with a backlog of 50. */
    private static ServerSocketChannel listen(String address) throws IOException {
        return listen(address, 0);
    }

    private static ServerSocketChannel listen(String address, int port) throws IOException {
        ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.INET);
        try {
            channel.bind(new InetSocketAddress(InetAddress.ofLiteral(address), port), 50);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        return channel;
    }

    private static String port(ServerSocketChannel channel) throws IOException {
        return Integer.toString(((InetSocketAddress) channel.getLocalAddress()).getPort());
    }

    /** A port nothing listens on now on 127.0.0.1 (the kernel's pick, released at once). */
    private static int freePort() throws IOException {
        try (ServerSocketChannel probe = listen("127.0.0.1")) {
            return ((InetSocketAddress) probe.getLocalAddress()).getPort();
        }
    }
}
