package io.sockscope.diagnose.scenario;

import io.sockscope.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The doctor past its own network namespace, on real sockets: asked on the host about a port that listens only
 * in a namespace of the test's ("a container"), and about a host port the test's nftables table publishes to that
 * namespace — first to a listener bound to the namespace's loopback (works inside, refused from outside: checked
 * with a real connection), then, rebound to 0.0.0.0, one that takes the translated connection.
 *
 * <p>The doctor runs in the test's own network namespace, which other tests and services share, so ports are
 * chosen at random and the findings are checked for this test's namespace by name, never for the absence of
 * others.
 */
class NamespaceScenarioTest {
    private static void assertContains(String haystack, String... needles) {
        for (String n : needles) {
            assertTrue(haystack.contains(n), "expected «" + n + "» in:\n" + haystack);
        }
    }

    private static String text(JsonValue v, String member) {
        return DoctorResult.text(v, member);
    }

    /** The evidence items of a finding of that kind. */
    private static List<JsonValue> items(DoctorResult r, String code, String kind) {
        return r.finding(code).member("evidence_items").orElseThrow().elements().stream()
                .filter(i -> kind.equals(text(i, "kind"))).toList();
    }

    @Test
    void aPortThatListensInAnotherNamespaceAndOnePublishedToIt() throws Exception {
        ScenarioSupport.assumeScenarioHost();
        int port = ThreadLocalRandom.current().nextInt(20_000, 29_000);
        int hostPort = port + 1000;
        PublishedNamespace made;
        try (PublishedNamespace ns = PublishedNamespace.create()) {
            made = ns;
            Process loopback = ns.listen("127.0.0.1", port);

            // Nothing listens on the port here; the namespace does, on its loopback.
            DoctorResult other = ns.doctor(Integer.toString(port), "--json");
            assertEquals(1, other.exitCode(), other.describe());
            assertEquals(List.of("LISTENING_IN_OTHER_NETNS"), other.codes(), other.describe());
            assertContains(other.allText("LISTENING_IN_OTHER_NETNS"), "network namespace " + ns.name(),
                    "bound to 127.0.0.1:" + port, "python3 (pid ", ns.address() + "/30 (eth0)",
                    "'sockscope doctor -N " + ns.name() + " " + port + "'");
            JsonValue listed = items(other, "LISTENING_IN_OTHER_NETNS", "netns_sockets").getFirst();
            assertEquals(ns.name(), listed.member("netns").flatMap(n -> n.member("name")).flatMap(JsonValue::string)
                    .orElseThrow());
            JsonValue socket = listed.member("sockets").orElseThrow().elements().getFirst();
            assertEquals("127.0.0.1", socket.member("local").flatMap(l -> l.member("address"))
                    .flatMap(JsonValue::string).orElseThrow());
            assertEquals("python3", text(socket.member("owners").flatMap(o -> o.member("processes")).orElseThrow()
                    .elements().getFirst(), "command"));
            save("listening-in-other-netns", ns, Integer.toString(port));

            // The host publishes hostPort to it: the classic case, refused from outside.
            ns.publish(hostPort, port);
            assertEquals("refused", ns.probe(ns.hostAddress(), hostPort), "bound to loopback in the namespace");
            DoctorResult loop = ns.doctor(Integer.toString(hostPort), "--json");
            assertEquals(1, loop.exitCode(), loop.describe());
            assertEquals(List.of("PUBLISHED_TO_LOOPBACK_ONLY"), loop.codes(), loop.describe());
            assertContains(loop.allText("PUBLISHED_TO_LOOPBACK_ONLY"), "tcp port " + hostPort + " is published to "
                    + ns.address() + ":" + port + " in network namespace " + ns.name(), "listens there on 127.0.0.1:"
                    + port + " only", "works inside the container", "bind to 0.0.0.0");
            JsonValue rule = items(loop, "PUBLISHED_TO_LOOPBACK_ONLY", "firewall_rule").getFirst();
            assertEquals(List.of("ip", ns.table(), "prerouting"),
                    List.of(text(rule, "family"), text(rule, "table"), text(rule, "chain")));
            assertTrue(rule.member("handle").flatMap(JsonValue::integer).orElseThrow() > 0, rule.toString());
            assertEquals("tcp dport " + hostPort + " dnat to " + ns.address() + ":" + port, text(rule, "text"));
            save("published-to-loopback-only", ns, Integer.toString(hostPort));

            // Rebound to every address: the port works through the translation.
            ns.stop(loopback);
            ns.listen("0.0.0.0", port);
            assertEquals("connected", ns.probe(ns.hostAddress(), hostPort));
            DoctorResult published = ns.doctor(Integer.toString(hostPort), "--json");
            assertEquals(List.of("PUBLISHED_TO_NETNS"), published.codes(), published.describe());
            String verdict = text(published.json(), "verdict");
            if (forwardChains()) {
                assertEquals(4, published.exitCode(), published.describe());
                assertContains(verdict, "forward path");
            } else {
                assertEquals(0, published.exitCode(), published.describe());
                assertContains(verdict, ": OK — python3 (pid ", "listens on 0.0.0.0:" + port
                        + " in network namespace " + ns.name() + ", to which the firewall sends tcp port " + hostPort
                        + " (dnat to " + ns.address() + ":" + port + ")");
            }
            save("published-to-netns", ns, Integer.toString(hostPort));
            // A client on this host, translated by the output chain.
            DoctorResult local = ns.doctor(ns.hostAddress() + ":" + hostPort, "--from", ns.hostAddress(), "--json");
            assertEquals(List.of("PUBLISHED_TO_NETNS"), local.codes(), local.describe());
            assertEquals(0, local.exitCode(), local.describe());
            assertContains(local.allText("PUBLISHED_TO_NETNS"), "table ip " + ns.table() + " chain output handle");
        }
        assertTrue(made.leftNothing(), "the table, the namespace and the veth are gone");
    }

    /** Whether the host's ruleset has a chain on the forward hook (Docker's, say): the doctor does not evaluate it. */
    private static boolean forwardChains() throws Exception {
        return io.sockscope.testing.CommandRun.run(List.of("nft", "list", "ruleset"), java.util.Map.of(), 30)
                .stdoutText().contains("hook forward");
    }

    /** With {@code -Ddoctor.examples=DIR}, the doctor's text output for the docs. */
    private static void save(String name, PublishedNamespace ns, String... args) throws Exception {
        String dir = System.getProperty(ScenarioSupport.EXAMPLES_PROPERTY);
        if (dir == null) {
            return;
        }
        DoctorResult text = ns.doctor(args);
        Path out = Path.of(dir);
        Files.createDirectories(out);
        Files.writeString(out.resolve(name + ".txt"), "$ sockscope doctor " + String.join(" ", args) + "\n"
                + text.stdout() + "(exit " + text.exitCode() + ")\n");
    }
}
