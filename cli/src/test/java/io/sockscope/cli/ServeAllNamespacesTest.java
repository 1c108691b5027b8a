package io.sockscope.cli;

import io.sockscope.api.DockerScopedListener;
import io.sockscope.testing.CommandRun;
import io.sockscope.testing.ScratchNamespace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code serve --all-netns}, tried as a new user would: started on the host, it exports a listener held inside a
 * network namespace the test creates by a process in a real cgroup v2 directory named as Docker names a
 * container's, labelled with that namespace, the container and its unit.
 */
@Timeout(90)
class ServeAllNamespacesTest {
    private static final long WAIT_MILLIS = 30_000;

    @Test
    void aListenerInAContainersNamespaceIsLabelledWithTheNamespaceAndTheContainer() throws Exception {
        try (ScratchNamespace ns = ScratchNamespace.create();
             DockerScopedListener listener = DockerScopedListener.start(ns.name())) {
            int httpPort;
            try (ServerSocket free = new ServerSocket(0)) {
                httpPort = free.getLocalPort();
            }
            Path errors = Files.createTempFile("sockscope-serve-", ".err");
            Process serve = new ProcessBuilder(CommandRun.sockscope("serve", "--all-netns", "--listen",
                    "127.0.0.1:" + httpPort)).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(errors.toFile()).start();
            try {
                String id12 = listener.containerId().substring(0, 12);
                String wanted = "sockscope_listener_info{address=\"127.0.0.1\",address_scope=\"loopback\","
                        + "container=\"" + id12 + "\",netid=\"tcp\",netns=\"" + ns.name() + "\",pod=\"\",port=\""
                        + listener.port() + "\",process=\"python3\",unit=\"docker-" + listener.containerId()
                        + ".scope\"} 1";
                String scrape = awaitScrape(httpPort, wanted, errors);
                assertTrue(scrape.contains(wanted + "\n"), () -> "wanted: " + wanted + "\nin:\n" + scrape);
                // Its namespace holds the listener alone (and the abstract unix one): one tcp series there.
                assertTrue(scrape.lines().anyMatch(l -> l.startsWith("sockscope_sockets{container=\"" + id12
                        + "\",netid=\"tcp\",netns=\"" + ns.name() + "\",pod=\"\",state=\"listening\"")
                        && l.endsWith(" 1.0")), scrape);
            } finally {
                serve.destroy();
                boolean ended = serve.waitFor(10, TimeUnit.SECONDS);
                if (!ended) {
                    serve.destroyForcibly();
                }
                String stderr = Files.readString(errors);
                Files.deleteIfExists(errors);
                assertTrue(ended, "serve did not stop on SIGTERM");
                assertEquals(0, serve.exitValue(), stderr);
            }
        }
    }

    /** Scrapes until {@code wanted} shows (the first scrape may come before the exporter is up). */
    private static String awaitScrape(int port, String wanted, Path errors) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .timeout(Duration.ofSeconds(20)).build();
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        String last = "";
        while (System.currentTimeMillis() < deadline) {
            try {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                last = response.body();
                if (response.statusCode() == 200 && last.contains(wanted)) {
                    return last;
                }
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(300);
        }
        return last + "\nstderr:\n" + Files.readString(errors);
    }
}
