package io.sockscope.diagnose.scenario;

import io.sockscope.json.JsonValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.stream.Stream;

import static io.sockscope.diagnose.scenario.DoctorNetwork.CLIENT_V4;
import static io.sockscope.diagnose.scenario.DoctorNetwork.CLIENT_V6;
import static io.sockscope.diagnose.scenario.DoctorNetwork.SERVER_V4;
import static io.sockscope.diagnose.scenario.DoctorNetwork.SERVER_V4_SECOND;
import static io.sockscope.diagnose.scenario.DoctorNetwork.SERVER_V6;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * "Why can't clients reach this port?" on real sockets: each scenario builds the cause in a fresh pair of
 * network namespaces, checks from the client namespace that clients really fail (or succeed), and asks the
 * doctor in the server namespace. The doctor must name exactly the finding built, and nothing else.
 */
class ReachScenarioTest {
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

    private static void assertFindings(DoctorResult r, int exit, String... codes) {
        assertEquals(List.of(codes), r.codes(), r.describe());
        assertEquals(exit, r.exitCode(), r.describe());
    }

    private static void assertContains(String haystack, String... needles) {
        for (String n : needles) {
            assertTrue(haystack.contains(n), "expected «" + n + "» in:\n" + haystack);
        }
    }

    @Test
    void healthyServiceHasNoFindings() throws Exception {
        net.startServer("listen", "0.0.0.0", "8080");
        assertEquals("connected", net.client("probe", SERVER_V4, "8080"));
        DoctorResult json = net.doctor("8080", "--json");
        assertFindings(json, 0);
        assertContains(DoctorResult.text(json.json(), "verdict"), "tcp port 8080 for a remote IPv4 client: OK");
        assertEquals("ok", DoctorResult.text(json.json(), "status"));
        DoctorResult text = net.doctor("8080");
        assertEquals(0, text.exitCode(), text.describe());
        String first = text.stdout().lines().findFirst().orElse("");
        assertTrue(first.startsWith("tcp port 8080 for a remote IPv4 client: OK — python3 (pid "), first);
        assertContains(text.stdout(), "LISTEN", "0.0.0.0:8080", "users:((\"python3\",pid=",
                "firewall: no nftables chain on the input path");
        ScenarioSupport.saveExample(net, "healthy", "8080");
    }

    @Test
    void healthyServiceBehindAFirewallThatAcceptsIt() throws Exception {
        net.nft("""
                table inet filter {
                  chain input {
                    type filter hook input priority filter; policy drop;
                    ct state established,related accept
                    iif lo accept
                    ip saddr 10.77.93.0/24 tcp dport { 22, 8080 } accept
                    meta l4proto icmp accept
                  }
                }
                """);
        net.startServer("listen", "0.0.0.0", "8080");
        assertEquals("connected", net.client("probe", SERVER_V4, "8080"));
        DoctorResult r = net.doctor("8080", "--from", CLIENT_V4, "--json");
        assertFindings(r, 0);
        // What was looked at, structured: the listener as the listing's socket object, the rule by its handle.
        List<JsonValue> seen = r.json().member("looked_at").orElseThrow().elements();
        JsonValue listener = seen.getFirst().member("sockets").orElseThrow().elements().getFirst();
        assertEquals("LISTEN", DoctorResult.text(listener, "state"));
        assertEquals(8080L, listener.member("local").flatMap(l -> l.member("port")).flatMap(JsonValue::integer)
                .orElseThrow());
        assertEquals("python3", DoctorResult.text(listener.member("owners").orElseThrow().member("processes")
                .orElseThrow().elements().getFirst(), "command"));
        JsonValue rule = seen.get(1);
        assertEquals(List.of("firewall_rule", "inet", "filter", "input"),
                Stream.of("kind", "family", "table", "chain").map(m -> DoctorResult.text(rule, m)).toList());
        assertTrue(rule.member("handle").flatMap(JsonValue::integer).orElseThrow() > 0, rule.toString());
        assertContains(DoctorResult.text(rule, "text"), "tcp dport { 22, 8080 } accept");
        DoctorResult text = net.doctor("8080", "--from", CLIENT_V4);
        assertContains(text.stdout(), ": OK — ", "firewall: table inet filter chain input handle",
                "ip saddr 10.77.93.0/24 tcp dport { 22, 8080 } accept");
        ScenarioSupport.saveExample(net, "healthy-firewall", "8080", "--from", CLIENT_V4);
    }

    @Test
    void nothingListening() throws Exception {
        // A port no other test listens on: with nothing listening here the doctor looks into every other network
        // namespace of the host, where other tests' servers (8080 is a favourite) would make it
        // LISTENING_IN_OTHER_NETNS.
        net.startServer("listen", "0.0.0.0", "18081");
        assertEquals("refused", net.client("probe", SERVER_V4, "18080"));
        DoctorResult r = net.doctor("18080", "--json");
        assertFindings(r, 1, "NOT_LISTENING");
        assertContains(r.allText("NOT_LISTENING"), "nothing listens on tcp port 18080",
                "listening nearby: 0.0.0.0:18081", "python3 (pid ");
        ScenarioSupport.saveExample(net, "not-listening", "18080");
    }

    @Test
    void loopbackOnly() throws Exception {
        net.startServer("listen", "127.0.0.1", "5432", "--name", "postgres");
        assertEquals("refused", net.client("probe", SERVER_V4, "5432"));
        DoctorResult r = net.doctor("5432", "--json");
        assertFindings(r, 1, "LOOPBACK_ONLY");
        assertContains(r.allText("LOOPBACK_ONLY"), "postgres (pid ", "127.0.0.1:5432", "listen_addresses",
                "LISTEN");
        // A client on this host is fine.
        assertFindings(net.doctor("127.0.0.1:5432", "--json"), 0);
        ScenarioSupport.saveExample(net, "loopback-only", "5432");
        ScenarioSupport.saveExample(net, "loopback-only-json", "5432", "--json");
    }

    @Test
    void wrongAddress() throws Exception {
        net.startServer("listen", SERVER_V4_SECOND, "8080");
        assertEquals("refused", net.client("probe", SERVER_V4, "8080"));
        DoctorResult r = net.doctor(SERVER_V4 + ":8080", "--json");
        assertFindings(r, 1, "WRONG_ADDRESS");
        assertContains(r.allText("WRONG_ADDRESS"), SERVER_V4_SECOND + ":8080", "connects to " + SERVER_V4);
        DoctorResult from = net.doctor("8080", "--from", CLIENT_V4, "--json");
        assertFindings(from, 1, "WRONG_ADDRESS");
        assertContains(from.allText("WRONG_ADDRESS"), "the interface on the client's subnet");
        ScenarioSupport.saveExample(net, "wrong-address", "8080", "--from", CLIENT_V4);
    }

    @Test
    void v6OnlyListenerRefusesIpv4Clients() throws Exception {
        net.startServer("listen", "::", "8080", "--v6only");
        assertEquals("refused", net.client("probe", SERVER_V4, "8080"));
        assertEquals("connected", net.client("probe", SERVER_V6, "8080"));
        DoctorResult r = net.doctor("8080", "--from", CLIENT_V4, "--json");
        assertFindings(r, 1, "V6_ONLY");
        assertContains(r.allText("V6_ONLY"), "[::]:8080", "IPV6_V6ONLY", "v6only=1");
        assertFindings(net.doctor("8080", "--from", CLIENT_V6, "--json"), 0);
        ScenarioSupport.saveExample(net, "v6-only", "8080", "--from", CLIENT_V4);
    }

    @Test
    void v4OnlyListenerCannotTakeIpv6Clients() throws Exception {
        net.startServer("listen", "0.0.0.0", "8080");
        assertEquals("refused", net.client("probe", SERVER_V6, "8080"));
        DoctorResult r = net.doctor("[" + SERVER_V6 + "]:8080", "--json");
        assertFindings(r, 1, "V4_ONLY");
        assertContains(r.allText("V4_ONLY"), "IPv4 only (0.0.0.0:8080)", "[::]:8080");
        assertFindings(net.doctor("8080", "--from", CLIENT_V6, "--json"), 1, "V4_ONLY");
        ScenarioSupport.saveExample(net, "v4-only", "[" + SERVER_V6 + "]:8080");
    }

    @Test
    void firewallDrop() throws Exception {
        net.startServer("listen", "0.0.0.0", "8080");
        net.nft("""
                table inet filter {
                  chain input {
                    type filter hook input priority filter; policy accept;
                    ct state established,related accept
                    tcp dport 8080 counter drop
                  }
                }
                """);
        assertEquals("timeout", net.client("probe", SERVER_V4, "8080", "--timeout", "1"));
        DoctorResult r = net.doctor("8080", "--from", CLIENT_V4, "--json");
        assertFindings(r, 1, "FIREWALL_BLOCKED");
        assertContains(r.allText("FIREWALL_BLOCKED"), "drops tcp port 8080", "clients time out",
                "table inet filter chain input handle", "tcp dport 8080 counter drop", "nft delete rule inet filter input handle");
        ScenarioSupport.saveExample(net, "firewall-drop", "8080", "--from", CLIENT_V4);
    }

    @Test
    void firewallRejectInAJumpedChain() throws Exception {
        net.startServer("listen", "0.0.0.0", "8080");
        net.nft("""
                table inet filter {
                  set blocked { type inet_service; elements = { 8080, 9090 } }
                  chain services {
                    tcp dport @blocked reject with tcp reset
                  }
                  chain input {
                    type filter hook input priority filter; policy accept;
                    iifname "srv0" jump services
                  }
                }
                """);
        assertEquals("refused", net.client("probe", SERVER_V4, "8080"));
        DoctorResult r = net.doctor("8080", "--json");
        assertFindings(r, 1, "FIREWALL_BLOCKED");
        assertContains(r.allText("FIREWALL_BLOCKED"), "rejects tcp port 8080", "connection refused",
                "chain services", "tcp dport @blocked reject with tcp reset");
    }

    @Test
    void firewallPolicyDropWithAnAllowListForOtherClients() throws Exception {
        net.startServer("listen", "0.0.0.0", "8080");
        net.nft("""
                table ip filter {
                  chain input {
                    type filter hook input priority 0; policy drop;
                    ct state established,related accept
                    ip saddr 192.0.2.0/24 tcp dport 8080 accept
                  }
                }
                """);
        assertEquals("timeout", net.client("probe", SERVER_V4, "8080", "--timeout", "1"));
        // Without the client's address the answer depends on it: the doctor says so rather than guess, and
        // does not say OK (a health check would read that as healthy while this client times out).
        DoctorResult unknown = net.doctor("8080", "--json");
        assertFindings(unknown, 4, "FIREWALL_UNKNOWN");
        assertContains(unknown.allText("FIREWALL_UNKNOWN"), "ip saddr 192.0.2.0/24", "--from",
                "depends on the client's address");
        assertEquals("undecided", DoctorResult.text(unknown.json(), "status"));
        assertContains(DoctorResult.text(unknown.json(), "verdict"), "tcp port 8080 for a remote IPv4 client:"
                + " UNDECIDED — python3 (pid ", "depends on the client's address: ask again with --from ADDRESS");
        DoctorResult r = net.doctor("8080", "--from", CLIENT_V4, "--json");
        assertFindings(r, 1, "FIREWALL_BLOCKED");
        assertContains(r.allText("FIREWALL_BLOCKED"), "policy drop", "no rule of table ip filter chain input accepts");
        // Structured: the policy as table and chain, without a handle.
        JsonValue policy = r.finding("FIREWALL_BLOCKED").member("evidence_items").orElseThrow().elements().getFirst();
        assertEquals(List.of("firewall_rule", "ip", "filter", "input", "policy drop"), Stream.of("kind", "family",
                "table", "chain", "text").map(m -> DoctorResult.text(policy, m)).toList());
        assertEquals(JsonValue.JsonNull.INSTANCE, policy.member("handle").orElseThrow());
        ScenarioSupport.saveExample(net, "firewall-unknown", "8080");
        ScenarioSupport.saveExample(net, "firewall-policy", "8080", "--from", CLIENT_V4);
    }

    @Test
    void iptablesNftReject() throws Exception {
        String version = ScenarioSupport.iptablesVersion();
        org.junit.jupiter.api.Assumptions.assumeTrue(version.contains("nf_tables"),
                "needs iptables with the nf_tables back end (bin/install-deps installs it); found: " + version);
        net.startServer("listen", "0.0.0.0", "8080");
        net.startServer("listen", "0.0.0.0", "443");
        // The classic: established traffic and a few services in, the service asked about rejected.
        net.inServer("iptables", "-A", "INPUT", "-m", "conntrack", "--ctstate", "ESTABLISHED,RELATED", "-j", "ACCEPT");
        net.inServer("iptables", "-A", "INPUT", "-p", "tcp", "-m", "multiport", "--dports", "22,443", "-j", "ACCEPT");
        net.inServer("iptables", "-A", "INPUT", "-p", "tcp", "--dport", "8080", "-j", "REJECT",
                "--reject-with", "tcp-reset");
        assertEquals("refused", net.client("probe", SERVER_V4, "8080"));
        assertEquals("connected", net.client("probe", SERVER_V4, "443"));
        DoctorResult r = net.doctor("8080", "--from", CLIENT_V4, "--json");
        assertFindings(r, 1, "FIREWALL_BLOCKED");
        assertContains(r.allText("FIREWALL_BLOCKED"), "table ip filter chain INPUT", "tcp dport 8080",
                "reject with tcp reset", "iptables -I INPUT -p tcp --dport 8080 -j ACCEPT", "'iptables -D INPUT 3'");
        assertFindings(net.doctor("443", "--from", CLIENT_V4, "--json"), 0);
        ScenarioSupport.saveExample(net, "firewall-iptables", "8080", "--from", CLIENT_V4);
    }

    @Test
    void backlogFull() throws Exception {
        net.startServer("listen", "0.0.0.0", "8080", "--backlog", "1", "--no-accept");
        net.startClient("connect", SERVER_V4, "8080", "4", "--hold");
        assertEquals("timeout", net.client("probe", SERVER_V4, "8080", "--timeout", "1"));
        DoctorResult r = net.doctor("8080", "--json");
        assertFindings(r, 1, "BACKLOG_FULL");
        assertContains(r.allText("BACKLOG_FULL"), "accept queue 2 of backlog 1", "ListenOverflows",
                "net.core.somaxconn");
        ScenarioSupport.saveExample(net, "backlog-full", "8080");
    }

    @Test
    void closeWaitLeak() throws Exception {
        net.startServer("listen", "0.0.0.0", "8080", "--keep");
        net.startClient("connect", SERVER_V4, "8080", "8", "--client-closes");
        DoctorResult r = waitForCode("CLOSE_WAIT_LEAK", "8080", "--json");
        assertFindings(r, 1, "CLOSE_WAIT_LEAK");
        assertContains(r.allText("CLOSE_WAIT_LEAK"), "holds 8 connections in CLOSE-WAIT", "CLOSE-WAIT",
                "python3 (pid ");
        ScenarioSupport.saveExample(net, "close-wait-leak", "8080");
    }

    @Test
    void closeWaitLeakOnTheOwnersOtherPortIsANote() throws Exception {
        // One process: port 8080 served well, port 9090 leaking every connection its clients close.
        net.startServer("listen", "0.0.0.0", "8080", "--leak-port", "9090");
        net.startClient("connect", SERVER_V4, "9090", "8", "--client-closes");
        assertEquals("connected", net.client("probe", SERVER_V4, "8080"));
        DoctorResult r = waitForCode("CLOSE_WAIT_LEAK", "8080", "--json");
        assertFindings(r, 0, "CLOSE_WAIT_LEAK");
        assertEquals("info", DoctorResult.text(r.finding("CLOSE_WAIT_LEAK"), "severity"));
        assertContains(r.allText("CLOSE_WAIT_LEAK"), "holds 8 connections in CLOSE-WAIT, none of them on port 8080",
                ":9090", "far from the limit");
        assertContains(DoctorResult.text(r.json(), "verdict"), "tcp port 8080 for a remote IPv4 client: OK — python3");
        // Asked about the port that leaks, the same leak is the warning it is.
        assertFindings(net.doctor("9090", "--json"), 1, "CLOSE_WAIT_LEAK");
        ScenarioSupport.saveExample(net, "close-wait-elsewhere", "8080");
    }

    @Test
    void fdLimitNear() throws Exception {
        net.startServer("listen", "0.0.0.0", "8080", "--nofile", "64", "--fill", "55");
        DoctorResult r = net.doctor("8080", "--json");
        assertFindings(r, 1, "FD_LIMIT_NEAR");
        assertContains(r.allText("FD_LIMIT_NEAR"), "soft 64, hard 64", "prlimit --pid");
        ScenarioSupport.saveExample(net, "fd-limit-near", "8080");
    }

    @Test
    void manyTimeWaitIsNormal() throws Exception {
        net.startServer("listen", "0.0.0.0", "8080");
        net.startClient("connect", SERVER_V4, "8080", "150");
        // The client is ready once it has closed its last connection; the server's side of that one enters
        // TIME-WAIT only when the client's FIN has reached it, which may be a moment later.
        DoctorResult r = null;
        for (int i = 0; i < 10; i++) {
            r = net.doctor("8080", "--json");
            if (r.codes().contains("TIME_WAIT_NORMAL") && r.allText("TIME_WAIT_NORMAL").contains("150 TIME-WAIT")) {
                break;
            }
            Thread.sleep(200);
        }
        assertFindings(r, 0, "TIME_WAIT_NORMAL");
        // A client port used again takes over the server's TIME-WAIT entry of that port (the kernel accepts a SYN
        // for it): rarely, one of the 150 is not there to count.
        java.util.regex.Matcher counted = java.util.regex.Pattern.compile(
                "(\\d+) TIME-WAIT sockets on port 8080[^\n]*\n(\\d+) where this host serves port 8080")
                .matcher(r.allText("TIME_WAIT_NORMAL"));
        assertTrue(counted.find(), r.allText("TIME_WAIT_NORMAL"));
        int found = Integer.parseInt(counted.group(1));
        assertTrue(found >= 145 && found <= 150, "about 150 TIME-WAIT sockets: " + r.allText("TIME_WAIT_NORMAL"));
        assertEquals(found, Integer.parseInt(counted.group(2)), "all of them where this host serves the port");
        ScenarioSupport.saveExample(net, "time-wait", "8080");
    }

    @Test
    void ephemeralPortsLow() throws Exception {
        net.sysctl("net.ipv4.ip_local_port_range", "61000 61099");
        // The default (2) lets loopback connections take over TIME-WAIT ports; 0 makes every one count.
        net.sysctl("net.ipv4.tcp_tw_reuse", "0");
        net.startServer("listen", "127.0.0.1", "8080", "--until-eof");
        net.serverAs(null, "connect", "127.0.0.1", "8080", "90", "--client-closes");
        DoctorResult r = net.doctor("127.0.0.1:8080", "--json");
        assertFindings(r, 1, "EPHEMERAL_PORTS_LOW");
        String text = r.allText("EPHEMERAL_PORTS_LOW");
        assertContains(text, "127.0.0.1 → 127.0.0.1:8080 use ", " of the 100 ephemeral ports",
                "net.ipv4.ip_local_port_range = 61000 61099", "tcp_tw_reuse does not apply");
        java.util.regex.Matcher used = java.util.regex.Pattern.compile("use (\\d+) of the 100").matcher(text);
        assertTrue(used.find() && Integer.parseInt(used.group(1)) >= 85, text);
        ScenarioSupport.saveExample(net, "ephemeral-ports-low", "127.0.0.1:8080");
        // The claim holds: a few more use the range up (that client fails part-way), and then connect fails.
        net.serverAs(null, "connect", "127.0.0.1", "8080", "20", "--client-closes");
        String probe = net.serverAs(null, "probe", "127.0.0.1", "8080");
        // The kernel's side of the claim, not the doctor's (its findings are held above). A namespace shares the
        // host's time-wait bucket limit: when the host is full of TIME-WAIT sockets (another test, a benchmark),
        // the kernel drops new ones at once and their ports are free again. And on Linux 6.18 a connect now and
        // then found a port although ss counted the whole range in TIME-WAIT (2 of 4 runs at one point, not
        // reproduced outside the test): either way the claim cannot be checked, and the test says so.
        long timeWait = probe.equals("error:EADDRNOTAVAIL") ? -1
                : net.inServer("ss", "-Htn", "state", "time-wait", "dst", "127.0.0.1:8080").lines().count();
        org.junit.jupiter.api.Assumptions.assumeTrue(timeWait < 0, "the range was used up, yet a connect found a"
                + " port (" + probe + "; ss counts " + timeWait + " TIME-WAIT sockets of its 100 ports)");
        assertEquals("error:EADDRNOTAVAIL", probe);
    }

    @Test
    void ownerHiddenFromAnUnprivilegedDoctor() throws Exception {
        net.startServer("listen", "0.0.0.0", "8080");
        DoctorResult r = net.doctorAs("65534:65534", List.of(), "8080", "--json");
        // An unreadable ruleset is no evaluation, and no all-clear either: undecided, exit 4.
        assertFindings(r, 4, "FIREWALL_UNKNOWN", "OWNER_HIDDEN");
        assertEquals("undecided", DoctorResult.text(r.json(), "status"));
        assertContains(DoctorResult.text(r.json(), "verdict"), "its ruleset could not be read");
        assertContains(r.allText("OWNER_HIDDEN"), "not running as root (uid 65534)", "0.0.0.0:8080");
        // Leaving the firewall out accepts that: the sockets alone decide.
        DoctorResult sockets = net.doctorAs("65534:65534", List.of(), "8080", "--no-firewall", "--json");
        assertFindings(sockets, 0, "OWNER_HIDDEN");
        assertContains(DoctorResult.text(sockets.json(), "verdict"), "; the firewall was not examined");
        ScenarioSupport.saveExampleAs(net, "owner-hidden", "65534:65534", "8080");
        ScenarioSupport.saveExampleAs(net, "owner-hidden-no-firewall", "65534:65534", "8080", "--no-firewall");
    }

    @Test
    void ownerHiddenInAnotherPidNamespace() throws Exception {
        net.startServer("listen", "0.0.0.0", "8080");
        List<String> otherPidNamespace = List.of("unshare", "--pid", "--fork", "--mount-proc");
        DoctorResult r = net.doctorAs(null, otherPidNamespace, "8080", "--json");
        assertFindings(r, 0, "OWNER_HIDDEN");
        assertContains(r.allText("OWNER_HIDDEN"), "another PID namespace");
        ScenarioSupport.saveExampleWith(net, "owner-hidden-pidns", null, otherPidNamespace, "8080");
    }

    @Test
    void udpHealthyAndBlocked() throws Exception {
        net.startServer("udp", "0.0.0.0", "5353");
        assertEquals("connected", net.client("probe", SERVER_V4, "5353", "--udp"));
        assertFindings(net.doctor("5353", "--udp", "--json"), 0);
        DoctorResult tcp = net.doctor("5353", "--json");
        assertFindings(tcp, 1, "NOT_LISTENING");
        assertContains(tcp.allText("NOT_LISTENING"), "udp port 5353 is bound, but tcp is not", "--udp");
        // Nothing on another UDP port: the bind check suggested is for UDP too, and it runs as written.
        DoctorResult none = net.doctor("5354", "--udp", "--json");
        assertFindings(none, 1, "NOT_LISTENING");
        assertContains(none.allText("NOT_LISTENING"), "'sockscope doctor bind 5354 --udp'");
        assertFindings(net.doctor("bind", "5354", "--udp", "--json"), 0);
        net.nft("""
                table inet filter {
                  chain input {
                    type filter hook input priority filter; policy accept;
                    udp dport 5353 drop
                  }
                }
                """);
        assertEquals("timeout", net.client("probe", SERVER_V4, "5353", "--udp", "--timeout", "1"));
        assertFindings(net.doctor("5353", "--udp", "--from", CLIENT_V4, "--json"), 1, "FIREWALL_BLOCKED");
    }

    @Test
    void namespaceOptionExaminesThatNamespaceFromOutside() throws Exception {
        // Everything lives only in the server namespace: the IPv6 address, srv0, the ruleset, the listeners.
        net.nft("""
                table inet filter {
                  chain input {
                    type filter hook input priority filter; policy accept;
                    ip saddr 10.77.93.0/24 tcp dport 8080 drop
                  }
                }
                """);
        net.startServer("listen", "::", "8080");
        net.startServer("listen", "127.0.0.1", "5432", "--name", "postgres");
        for (String[] args : List.of(new String[] {"8080", "--from", CLIENT_V4}, new String[] {"[" + SERVER_V6 + "]:8080"},
                new String[] {"5432"}, new String[] {"bind", "5432"})) {
            List<String> withJson = new java.util.ArrayList<>(List.of(args));
            withJson.add("--json");
            DoctorResult inside = net.doctor(withJson.toArray(String[]::new));
            DoctorResult outside = net.doctorWithNamespaceOption(withJson.toArray(String[]::new));
            assertEquals(inside.exitCode(), outside.exitCode(), outside.describe());
            assertEquals(inside.codes(), outside.codes(), outside.describe());
            assertEquals(DoctorResult.text(inside.json(), "verdict"), DoctorResult.text(outside.json(), "verdict"));
            assertEquals("", outside.stderr(), outside.describe());
        }
        DoctorResult blocked = net.doctorWithNamespaceOption("8080", "--from", CLIENT_V4, "--json");
        assertFindings(blocked, 1, "FIREWALL_BLOCKED");
        assertContains(blocked.allText("FIREWALL_BLOCKED"), "arriving on srv0", "ip saddr 10.77.93.0/24 tcp dport 8080");
        assertFindings(net.doctorWithNamespaceOption("[" + SERVER_V6 + "]:8080", "--json"), 0);
        assertFindings(net.doctorWithNamespaceOption("5432", "--json"), 1, "LOOPBACK_ONLY");
    }

    /** Sockets settle asynchronously (a FIN in flight): asks again for up to a few seconds. */
    private DoctorResult waitForCode(String code, String... args) throws Exception {
        DoctorResult r = null;
        for (int i = 0; i < 10; i++) {
            r = net.doctor(args);
            if (r.codes().contains(code)) {
                return r;
            }
            Thread.sleep(300);
        }
        return r;
    }
}
