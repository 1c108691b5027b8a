package io.sockscope.diagnose.scenario;

import io.sockscope.json.JsonValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.sockscope.diagnose.scenario.DoctorNetwork.CLIENT_V4;
import static io.sockscope.diagnose.scenario.DoctorNetwork.SERVER_V4;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code doctor --all} on real sockets: a server namespace with one listener of each kind, each checked from
 * the client namespace with a real connection attempt, and the audit's line for each.
 */
class AuditScenarioTest {
    private DoctorNetwork net;

    @BeforeEach
    void setUp() throws IOException, InterruptedException {
        ScenarioSupport.assumeScenarioHost();
        net = DoctorNetwork.create();
    }

    @AfterEach
    void tearDown() throws IOException, InterruptedException {
        if (net != null) {
            net.close();
            assertEquals(List.of(), net.remainingNamespaces(), "namespaces left behind");
        }
    }

    /** Listener to label, from an audit's JSON. */
    private static Map<String, String> labels(DoctorResult r) {
        Map<String, String> out = new LinkedHashMap<>();
        for (JsonValue l : r.json().member("listeners").orElseThrow().elements()) {
            out.put(DoctorResult.text(l, "listener"), DoctorResult.text(l, "label"));
        }
        return out;
    }

    private static JsonValue listener(DoctorResult r, String name) {
        return r.json().member("listeners").orElseThrow().elements().stream()
                .filter(l -> name.equals(DoctorResult.text(l, "listener"))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " in\n" + r.stdout()));
    }

    @Test
    void everyListenerWithItsVerdictThenTheProblems() throws Exception {
        net.nft("""
                table inet filter {
                  chain input {
                    type filter hook input priority filter; policy accept;
                    ip saddr 10.77.93.0/24 tcp dport 8080 drop
                  }
                }
                """);
        net.startServer("listen", "0.0.0.0", "22", "--name", "sshd");
        net.startServer("listen", "127.0.0.1", "5432", "--name", "postgres");
        net.startServer("listen", "0.0.0.0", "8080");
        net.startServer("listen", "::", "8443", "--v6only");
        net.startServer("listen", "0.0.0.0", "9000", "--backlog", "1", "--no-accept");
        net.startClient("connect", SERVER_V4, "9000", "4", "--hold");
        // What clients really get.
        assertEquals("connected", net.client("probe", SERVER_V4, "22"));
        assertEquals("refused", net.client("probe", SERVER_V4, "5432"));
        assertEquals("timeout", net.client("probe", SERVER_V4, "8080", "--timeout", "1"));
        assertEquals("refused", net.client("probe", SERVER_V4, "8443"));
        assertEquals("timeout", net.client("probe", SERVER_V4, "9000", "--timeout", "1"));

        DoctorResult r = net.doctor("--all", "--from", CLIENT_V4, "--json");
        assertEquals(1, r.exitCode(), r.describe());
        assertEquals("problem", DoctorResult.text(r.json(), "status"));
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("0.0.0.0:22", "ok");
        expected.put("127.0.0.1:5432", "loopback-only");
        expected.put("0.0.0.0:8080", "firewalled");
        expected.put("[::]:8443", "v6-only");
        expected.put("0.0.0.0:9000", "backlog-full");
        assertEquals(expected, labels(r));
        assertEquals("tcp listeners for a client at " + CLIENT_V4 + ": PROBLEM — 3 of 5 listeners have a problem"
                + " (firewalled, v6-only, backlog-full)", DoctorResult.text(r.json(), "verdict"));
        assertEquals("sshd (pid", DoctorResult.text(listener(r, "0.0.0.0:22"), "owner").substring(0, 9));
        // Each listener's answer is the one doctor gives it alone.
        for (String[] alone : List.of(new String[] {"0.0.0.0:8080", "8080"}, new String[] {"0.0.0.0:9000", "9000"},
                new String[] {"[::]:8443", "8443"})) {
            DoctorResult single = net.doctor(alone[1], "--from", CLIENT_V4, "--json");
            assertEquals(DoctorResult.text(single.json(), "verdict"), DoctorResult.text(listener(r, alone[0])
                    .member("diagnosis").orElseThrow(), "verdict"));
        }
        assertEquals("tcp 127.0.0.1:5432 for a client on this host", DoctorResult.text(listener(r, "127.0.0.1:5432")
                .member("diagnosis").orElseThrow(), "target"));

        DoctorResult text = net.doctor("--all", "--from", CLIENT_V4);
        assertEquals(1, text.exitCode(), text.describe());
        List<String> lines = text.stdout().lines().toList();
        assertEquals("State    Verdict        Listener        Process", lines.get(2));
        assertTrue(lines.get(3).matches("OK       ok             0\\.0\\.0\\.0:22      sshd \\(pid \\d+\\)"), lines.get(3));
        assertTrue(lines.get(4).startsWith("OK       loopback-only  127.0.0.1:5432  postgres (pid "), lines.get(4));
        assertTrue(lines.get(5).startsWith("PROBLEM  firewalled     0.0.0.0:8080    python3 (pid "), lines.get(5));
        assertTrue(lines.get(6).startsWith("PROBLEM  v6-only        [::]:8443       python3 (pid "), lines.get(6));
        assertTrue(lines.get(7).startsWith("PROBLEM  backlog-full   0.0.0.0:9000    python3 (pid "), lines.get(7));
        // Then the details of each problem, as doctor TARGET prints them, and of nothing else.
        assertTrue(text.stdout().contains("\nerror FIREWALL_BLOCKED: the firewall drops tcp port 8080 for a client at "
                + CLIENT_V4), text.stdout());
        assertTrue(text.stdout().contains("\nerror V6_ONLY: "), text.stdout());
        assertTrue(text.stdout().contains("\nerror BACKLOG_FULL: "), text.stdout());
        assertTrue(!text.stdout().contains("tcp port 22 for"), text.stdout());
        ScenarioSupport.saveExample(net, "audit", "--all", "--from", CLIENT_V4);

        // Without the client's address the drop rule leaves port 8080 undecided; the problems still decide.
        DoctorResult anyone = net.doctor("--all", "--json");
        assertEquals("undecided", labels(anyone).get("0.0.0.0:8080"));
        assertEquals(1, anyone.exitCode(), anyone.describe());
    }

    @Test
    void udpAndAnUnreadableRuleset() throws Exception {
        net.startServer("udp", "0.0.0.0", "5353");
        net.startServer("listen", "127.0.0.1", "5432");
        assertEquals("connected", net.client("probe", SERVER_V4, "5353", "--udp"));
        DoctorResult udp = net.doctor("--all", "--udp", "--json");
        assertEquals(0, udp.exitCode(), udp.describe());
        assertEquals(Map.of("0.0.0.0:5353", "ok"), labels(udp));
        // Not root: the ruleset cannot be read, so nothing can be said to be OK; --no-firewall accepts that.
        DoctorResult unread = net.doctorAs("65534:65534", List.of(), "--all");
        assertEquals(4, unread.exitCode(), unread.describe());
        assertTrue(unread.stdout().contains("\nfirewall: not examined, the ruleset could not be read (nft -j list"
                + " ruleset failed: "), unread.stdout());
        assertTrue(unread.stdout().contains("UNDECIDED  undecided  127.0.0.1:5432"), unread.stdout());
        DoctorResult socketsOnly = net.doctorAs("65534:65534", List.of(), "--all", "--no-firewall", "--json");
        assertEquals(0, socketsOnly.exitCode(), socketsOnly.describe());
        assertEquals(Map.of("127.0.0.1:5432", "loopback-only"), labels(socketsOnly));
        ScenarioSupport.saveExampleAs(net, "audit-not-root", "65534:65534", "--all");
    }
}
