package io.sockscope.cli;

import io.sockscope.inspect.EffectiveUser;
import io.sockscope.json.JsonReader;
import io.sockscope.json.JsonSyntaxException;
import io.sockscope.json.JsonValue;
import io.sockscope.testing.CommandRun;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code sockscope serve} scraped by Debian's Prometheus, tried as a new user would, both inside a network
 * namespace the test creates and fills with a known set of sockets: what Prometheus stores (CLOSE-WAIT of a
 * leaking process, listener scopes, the number of listeners, a full accept queue) agrees with {@code ss} run
 * there, and promtool finds nothing to say about a scrape.
 */
@Timeout(180)
class ServePrometheusTest {
    private static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");
    private static final Path PROMTOOL = Path.of("/usr/bin/promtool");
    /** Free in a namespace of our own: below the ephemeral range, and not a port the socket zoo takes. */
    private static final int EXPORTER_PORT = 19947;
    private static final int PROMETHEUS_PORT = 19090;
    private static final long UP_WAIT_MILLIS = 40_000;
    private static final long AGREE_WAIT_MILLIS = 15_000;

    private static String ns;
    private static Path scratch;
    private static final List<Process> zoo = new ArrayList<>();
    private static long leakyPid;
    private static long leakyStarted;
    private static ServeProcess exporter;
    private static Process prometheus;

    @BeforeAll
    @Timeout(value = 150, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    static void startEverything() throws Exception {
        assumeTrue(EffectiveUser.isRoot(), "needs root: creates a network namespace");
        assumeTrue(Files.isExecutable(PROMETHEUS) && Files.isExecutable(PROMTOOL),
                "needs Debian's prometheus package (/usr/bin/prometheus, /usr/bin/promtool): bin/install-deps");
        for (String tool : List.of("ip", "ss", "python3", "curl")) {
            assumeTrue(CommandRun.onPath(tool), "needs " + tool + " on PATH");
        }
        scratch = Files.createTempDirectory("sockscope-prom-");
        byte[] random = new byte[4];
        ThreadLocalRandom.current().nextBytes(random);
        String name = "sockscope-prom-" + HexFormat.of().formatHex(random);
        run(List.of("ip", "netns", "add", name));
        ns = name;
        run(List.of("ip", "-n", ns, "link", "set", "lo", "up"));

        Path script = scratch.resolve("socket_zoo.py");
        try (InputStream in = Objects.requireNonNull(
                ServePrometheusTest.class.getResourceAsStream("/serve/socket_zoo.py"))) {
            Files.write(script, in.readAllBytes());
        }
        startZoo(script, "listeners");
        leakyStarted = System.nanoTime();
        leakyPid = startZoo(script, "leaky");

        exporter = ServeProcess.start(List.of("ip", "netns", "exec", ns),
                "--listen", "127.0.0.1:" + EXPORTER_PORT);

        Path config = scratch.resolve("prometheus.yml");
        Files.writeString(config, """
                global:
                  scrape_interval: 1s
                  scrape_timeout: 1s
                  evaluation_interval: 1s
                scrape_configs:
                  - job_name: sockscope
                    static_configs:
                      - targets: ['127.0.0.1:%d']
                """.formatted(EXPORTER_PORT));
        Path data = Files.createDirectory(scratch.resolve("data"));
        prometheus = new ProcessBuilder("ip", "netns", "exec", ns, PROMETHEUS.toString(),
                "--config.file=" + config, "--storage.tsdb.path=" + data,
                "--web.listen-address=127.0.0.1:" + PROMETHEUS_PORT, "--web.enable-lifecycle")
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true).redirectOutput(scratch.resolve("prometheus.log").toFile()).start();

        long deadline = System.currentTimeMillis() + UP_WAIT_MILLIS;
        while (!query("up{job=\"sockscope\"}").stream().map(Result::value).toList().equals(List.of("1"))) {
            if (!prometheus.isAlive()) {
                fail("prometheus exited with " + prometheus.exitValue() + ": " + prometheusLog());
            }
            if (System.currentTimeMillis() > deadline) {
                fail("prometheus did not scrape the exporter within " + UP_WAIT_MILLIS + " ms; targets: "
                        + curl("http://127.0.0.1:" + PROMETHEUS_PORT + "/api/v1/targets") + "\nexporter: "
                        + exporter.stderr() + "\nprometheus: " + prometheusLog());
            }
            Thread.sleep(250);
        }
    }

    @AfterAll
    static void removeEverything() throws Exception {
        if (prometheus != null) {
            prometheus.destroy();
            if (!prometheus.waitFor(10, TimeUnit.SECONDS)) {
                prometheus.destroyForcibly();
                prometheus.waitFor(10, TimeUnit.SECONDS);
            }
        }
        if (exporter != null) {
            exporter.close();
        }
        for (Process p : zoo) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
        zoo.clear();
        if (ns != null) {
            run(List.of("ip", "netns", "del", ns));
        }
        if (scratch != null) {
            try (Stream<Path> files = Files.walk(scratch)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    @Test
    void closeWaitOfTheLeakingProcessIsWhatSsCounts() throws Exception {
        String pid = Long.toString(leakyPid);
        assertEquals(3, ssCloseWait(pid), "the leaking process holds 3 CLOSE-WAIT sockets");
        agree(() -> Long.toString(ssCloseWait(pid)),
                () -> values(query("sockscope_close_wait_sockets{pid=\"" + pid + "\"}")),
                "sockscope_close_wait_sockets of pid " + pid);
        List<Result> series = answered("sockscope_close_wait_sockets{pid=\"" + pid + "\"}");
        assertEquals("python3", series.getFirst().labels().get("process"), series.toString());
        agree(() -> "3", () -> values(query("sockscope_process_sockets{pid=\"" + pid + "\"}")),
                "the 3 sockets are all it holds");
        // Dated by the time since each last received an ACK (the client's FIN): more than 0 once a second has
        // passed, and no more than the time since the zoo made them.
        agree(() -> "true", () -> Boolean.toString(values(query("sockscope_close_wait_oldest_seconds{pid=\""
                + pid + "\"} > 0")).length() > 0), "the oldest CLOSE-WAIT socket's age is above 0");
        double age = Double.parseDouble(values(answered("sockscope_close_wait_oldest_seconds{pid=\"" + pid
                + "\"}")));
        double since = (System.nanoTime() - leakyStarted) / 1e9;
        assertTrue(age <= since + 1, "aged " + age + " s, made " + since + " s ago");
    }

    @Test
    void listenersCarryTheirScope() throws Exception {
        List<Result> loopback = answered("sockscope_listener_info{port=\"8080\"}");
        assertEquals(1, loopback.size(), loopback.toString());
        assertEquals("loopback", loopback.getFirst().labels().get("address_scope"), loopback.toString());
        assertEquals("127.0.0.1", loopback.getFirst().labels().get("address"), loopback.toString());
        assertEquals("python3", loopback.getFirst().labels().get("process"), loopback.toString());
        List<Result> any = answered("sockscope_listener_info{port=\"9090\"}");
        assertEquals(1, any.size(), any.toString());
        assertEquals("any", any.getFirst().labels().get("address_scope"), any.toString());
        assertEquals("0.0.0.0", any.getFirst().labels().get("address"), any.toString());
    }

    @Test
    void theListeningCountIsSsListenersLineCount() throws Exception {
        // The zoo's three, the exporter's and Prometheus' own.
        assertTrue(ss("-tlnH").lines().count() >= 5, ss("-tlnH"));
        agree(() -> Long.toString(ss("-tlnH").lines().count()),
                () -> values(query("sum(sockscope_sockets{netid=\"tcp\",state=\"listening\"})")),
                "TCP listeners in the namespace");
    }

    @Test
    void theFullAcceptQueueIsSsRecvQAndSendQ() throws Exception {
        String[] row = ss("-tlnH", "sport", "=", ":7070").strip().split("\\s+");
        assertTrue(row.length >= 4 && row[0].equals("LISTEN"), String.join(" ", row));
        assertTrue(Long.parseLong(row[1]) >= Long.parseLong(row[2]), "the queue is full: " + String.join(" ", row));
        agree(() -> column(ss("-tlnH", "sport", "=", ":7070"), 1),
                () -> values(query("sockscope_listen_queue{port=\"7070\"}")), "listen queue (Recv-Q)");
        agree(() -> column(ss("-tlnH", "sport", "=", ":7070"), 2),
                () -> values(query("sockscope_listen_queue_limit{port=\"7070\"}")), "listen queue limit (Send-Q)");
    }

    @Test
    void promtoolFindsNothingInAScrape() throws Exception {
        String body = curl("http://127.0.0.1:" + EXPORTER_PORT + "/metrics");
        assertTrue(body.contains("sockscope_listener_info{"), body);
        Process check = new ProcessBuilder(PROMTOOL.toString(), "check", "metrics").redirectErrorStream(true)
                .start();
        try (OutputStream in = check.getOutputStream()) {
            in.write(body.getBytes(StandardCharsets.UTF_8));
        }
        String findings = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(check.waitFor(30, TimeUnit.SECONDS), "promtool ended");
        assertEquals("", findings, "promtool's findings");
        assertEquals(0, check.exitValue(), findings);
    }

    @Test
    void theExporterHasNothingToWarnAbout() throws Exception {
        assertEquals(List.of(ServeProcess.SERVING + "http://127.0.0.1:" + EXPORTER_PORT + "/metrics"),
                exporter.stderr().lines().toList(), "no scrape failed, no table was left out");
    }

    @Test
    void anExporterOnTheHostWithAllNetnsPlacesTheZooInItsNamespace() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        try (ServeProcess host = ServeProcess.start("--listen", "127.0.0.1:" + port, "--all-netns");
             HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/metrics")).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), response.body() + host.stderr());
            List<ScrapedSample> samples = ScrapedSample.all(response.body());
            List<String> scopes = samples.stream().filter(s -> s.name().equals("sockscope_listener_info")
                    && s.label("netns").equals(ns)).map(s -> s.label("port") + "=" + s.label("address_scope"))
                    .sorted().toList();
            assertEquals(List.of("19090=loopback", "19947=loopback", "7070=loopback", "8080=loopback", "9090=any"),
                    scopes, "the namespace's listeners, by its name");
            double listening = samples.stream().filter(s -> s.name().equals("sockscope_sockets")
                    && s.label("netns").equals(ns) && s.label("netid").equals("tcp")
                    && s.label("state").equals("listening")).mapToDouble(ScrapedSample::value).sum();
            assertEquals(ss("-tlnH").lines().count(), (long) listening, "TCP listeners in " + ns);
            List<ScrapedSample> leaky = samples.stream().filter(s -> s.name().equals("sockscope_close_wait_sockets")
                    && s.label("pid").equals(Long.toString(leakyPid))).toList();
            assertEquals(1, leaky.size(), leaky.toString());
            assertEquals(3.0, leaky.getFirst().value(), leaky.toString());
        }
    }

    /** A series of a query's answer: its labels and its value as Prometheus writes it. */
    private record Result(Map<String, String> labels, String value) {
    }

    /** The instant vector Prometheus answers for {@code promql}; empty when it cannot answer (yet). */
    private static List<Result> query(String promql) throws IOException, InterruptedException {
        String json = curl("-G", "--data-urlencode", "query=" + promql,
                "http://127.0.0.1:" + PROMETHEUS_PORT + "/api/v1/query");
        if (json.isEmpty()) {
            return List.of();
        }
        JsonValue answer;
        try {
            answer = JsonReader.read(json);
        } catch (JsonSyntaxException e) {
            throw new AssertionError("Prometheus answered " + json, e);
        }
        assertEquals("success", answer.member("status").flatMap(JsonValue::string).orElse(""), json);
        List<Result> results = new ArrayList<>();
        for (JsonValue r : answer.member("data").flatMap(d -> d.member("result")).orElseThrow().elements()) {
            Map<String, String> labels = new LinkedHashMap<>();
            if (r.member("metric").orElseThrow() instanceof JsonValue.JsonObject metric) {
                metric.members().forEach((k, v) -> labels.put(k, v.string().orElse("")));
            }
            List<JsonValue> value = r.member("value").orElseThrow().elements();
            results.add(new Result(labels, value.get(1).string().orElseThrow()));
        }
        return results;
    }

    /**
     * What Prometheus answers for {@code promql} once it answers with a series at least, asking again until
     * {@link #AGREE_WAIT_MILLIS} (a scrape slower than its timeout on a busy host leaves no series for a moment).
     */
    private static List<Result> answered(String promql) throws Exception {
        long deadline = System.currentTimeMillis() + AGREE_WAIT_MILLIS;
        List<Result> results = query(promql);
        while (results.isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(250);
            results = query(promql);
        }
        return results;
    }

    /** The values of a query's answer, joined by commas (one series: its value). */
    private static String values(List<Result> results) {
        return String.join(",", results.stream().map(Result::value).toList());
    }

    /**
     * Waits until {@code ours} (what Prometheus stored) equals {@code expected} (what ss says now), asking both
     * again until {@link #AGREE_WAIT_MILLIS}; asserts their last answers are equal.
     */
    private static void agree(Checked expected, Checked ours, String what) throws Exception {
        long deadline = System.currentTimeMillis() + AGREE_WAIT_MILLIS;
        while (true) {
            String theirs = expected.get();
            String mine = ours.get();
            if (theirs.equals(mine) || System.currentTimeMillis() > deadline) {
                assertEquals(theirs, mine, what);
                return;
            }
            Thread.sleep(250);
        }
    }

    /** A value got by running a command or a query. */
    @FunctionalInterface
    private interface Checked {
        String get() throws Exception;
    }

    private static long ssCloseWait(String pid) throws IOException, InterruptedException {
        return ss("-tanpH", "state", "close-wait").lines().filter(l -> l.contains("pid=" + pid + ",")).count();
    }

    private static String column(String ssLine, int index) {
        return ssLine.strip().split("\\s+")[index];
    }

    /** {@code ss WORDS} in the namespace. */
    private static String ss(String... words) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", ns, "ss"));
        command.addAll(List.of(words));
        return run(command);
    }

    /**
     * {@code curl -fsS WORDS} in the namespace: what it fetched, or "" when it could not (Prometheus answers 503
     * until it is ready).
     */
    private static String curl(String... words) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", ns, "curl", "-fsS", "--max-time",
                "10"));
        command.addAll(List.of(words));
        CommandRun run = CommandRun.run(command, Map.of(), 30);
        return run.exitCode() == 0 ? new String(run.stdout(), StandardCharsets.UTF_8) : "";
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        CommandRun run = CommandRun.run(command, Map.of(), 30);
        if (run.exitCode() != 0) {
            throw new IOException(String.join(" ", command) + " exited with " + run.exitCode() + ": "
                    + run.stderrText());
        }
        return new String(run.stdout(), StandardCharsets.UTF_8);
    }

    /** Starts the socket zoo's {@code role} in the namespace; returns its pid once it says it is ready. */
    private static long startZoo(Path script, String role) throws IOException {
        Process p = new ProcessBuilder("ip", "netns", "exec", ns, "python3", script.toString(), role)
                .redirectError(scratch.resolve(role + ".err").toFile()).start();
        zoo.add(p);
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (!"ready".equals(line)) {
            throw new IOException("the socket zoo's " + role + " said " + line + ": "
                    + Files.readString(scratch.resolve(role + ".err")));
        }
        // ip netns exec becomes python3: the process started is the one holding the sockets.
        return p.pid();
    }

    private static String prometheusLog() throws IOException {
        return Files.readString(scratch.resolve("prometheus.log"));
    }
}
