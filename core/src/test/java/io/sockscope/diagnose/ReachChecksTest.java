package io.sockscope.diagnose;

import io.sockscope.model.InetSocket;
import io.sockscope.model.Owner;
import io.sockscope.model.ProcessLimits;
import io.sockscope.model.SocketTable;
import io.sockscope.model.TcpState;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

import static io.sockscope.diagnose.DiagnosisText.codes;
import static io.sockscope.diagnose.DiagnosisText.finding;
import static io.sockscope.diagnose.DiagnosisText.text;
import static io.sockscope.diagnose.FakeSystem.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The reachability checks over hosts described through injected providers. */
class ReachChecksTest {
    private static final Owner APP = new Owner("app", 4242, 4242, 3);
    private static final Owner POSTGRES = new Owner("postgres", 700, 700, 5);

    private final FakeSystem host = new FakeSystem();

    private Diagnosis ask(String target, String from) {
        try {
            Target t = TargetSyntax.parse(target, Transport.TCP);
            return host.doctor().examine(new ReachQuery(t, from == null ? null : ip(from), null));
        } catch (TargetSyntaxException | DiagnosisException e) {
            throw new AssertionError(e);
        }
    }

    private static String resource(String path) {
        try (InputStream in = ReachChecksTest.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aWildcardListenerWithNothingInTheWayIsOk() throws Exception {
        host.listener("0.0.0.0:8080", APP);
        Diagnosis d = ask("8080", null);
        assertEquals(List.of(), codes(d));
        assertFalse(d.problem());
        assertEquals("tcp port 8080 for a remote IPv4 client: OK — app (pid 4242) listens on 0.0.0.0:8080 and the"
                + " firewall lets it through", d.verdict());
        assertEquals(new Evidence.Fact("firewall: no nftables chain on the input path"), d.observations().get(1));
    }

    @Test
    void notListeningNamesWhatIsNearby() throws Exception {
        host.listener("0.0.0.0:8081", APP);
        host.add(host.udp, SocketTable.UDP, TcpState.CLOSE, 0, 0, "0.0.0.0:8080", "0.0.0.0:*", -1, 0, APP);
        host.tcp(TcpState.TIME_WAIT, "192.0.2.10:8080", "192.0.2.77:40000", null);
        Diagnosis d = ask("8080", null);
        assertEquals(List.of(FindingCode.NOT_LISTENING), codes(d));
        String t = text(finding(d, FindingCode.NOT_LISTENING));
        assertTrue(t.contains("udp port 8080 is bound, but tcp is not"), t);
        assertTrue(t.contains("listening nearby: 0.0.0.0:8081 (app (pid 4242))"), t);
        assertTrue(t.contains("still has connections (1 TIME-WAIT)"), t);
        assertTrue(t.contains("ask again with --udp"), t);
        assertTrue(d.verdict().startsWith("tcp port 8080 for a remote IPv4 client: PROBLEM — nothing listens"), d.verdict());
    }

    @Test
    void notListeningPointsAtTheUsualDaemonOnAnotherPort() throws Exception {
        host.listener("0.0.0.0:5433", POSTGRES);
        Finding f = finding(ask("5432", null), FindingCode.NOT_LISTENING);
        assertTrue(text(f).contains("PostgreSQL usually listens on 5432; postgres (pid 700) listens on 5433 instead"),
                text(f));
        assertEquals("Point clients at port 5433, or set port in postgresql.conf to 5432 and restart postgres (pid 700).",
                f.fix());
    }

    @Test
    void notListeningFollowsTheOwnerOfTheOldConnections() throws Exception {
        host.tcp(TcpState.ESTABLISHED, "192.0.2.10:8080", "192.0.2.77:40000", APP);
        host.listener("[::]:9443", APP);
        Finding f = finding(ask("8080", null), FindingCode.NOT_LISTENING);
        assertTrue(text(f).contains("app (pid 4242) still has connections on port 8080 and listens on [::]:9443"),
                text(f));
        assertEquals("app (pid 4242) now listens on [::]:9443: point clients there, or change its port setting back"
                + " to 8080.", f.fix());
    }

    @Test
    void anAddressThatIsNotThisHostsIsSaidSo() throws Exception {
        Finding f = finding(ask("198.51.100.1:80", null), FindingCode.NOT_LISTENING);
        assertTrue(text(f).contains("198.51.100.1 is not an address of this host"), text(f));
    }

    @Test
    void loopbackOnlyForARemoteClientWithTheDaemonsSetting() throws Exception {
        host.listener("127.0.0.1:5432", POSTGRES);
        host.listener("[::1]:5432", POSTGRES);
        Diagnosis d = ask("5432", null);
        assertEquals(List.of(FindingCode.LOOPBACK_ONLY), codes(d));
        Finding f = finding(d, FindingCode.LOOPBACK_ONLY);
        assertEquals(Severity.ERROR, f.severity());
        assertTrue(f.summary().startsWith("postgres (pid 700) listens on 127.0.0.1:5432, [::1]:5432 only"), f.summary());
        assertTrue(f.fix().contains("For PostgreSQL: set listen_addresses = '*'"), f.fix());
        assertEquals(2, ((Evidence.Sockets) f.evidence().getFirst()).sockets().size());
        // The same listener is what a client on this host wants.
        assertEquals(List.of(), codes(ask("127.0.0.1:5432", null)));
        assertEquals(List.of(), codes(ask("5432", "127.0.0.1")));
        assertEquals(List.of(), codes(ask("5432", "192.0.2.10")));
    }

    @Test
    void oneListenerThatTakesTheClientIsEnough() throws Exception {
        host.listener("127.0.0.1:8080", APP);
        host.listener("0.0.0.0:8080", APP);
        assertEquals(List.of(), codes(ask("8080", null)));
    }

    @Test
    void wrongAddressByDestinationAndByDevice() throws Exception {
        host.addresses.add(new LocalAddress("eth1", ip("198.51.100.10"), 24));
        host.interfaceNames.put(3, "eth1");
        host.listener("198.51.100.10:8080", APP);
        Finding f = finding(ask("192.0.2.10:8080", null), FindingCode.WRONG_ADDRESS);
        assertEquals("app (pid 4242) listens on 198.51.100.10:8080, but a remote IPv4 client connects to 192.0.2.10",
                f.summary());
        // From a client on eth0's subnet, the doctor works out the address it arrives for.
        Finding from = finding(ask("8080", "192.0.2.77"), FindingCode.WRONG_ADDRESS);
        assertTrue(text(from).contains("for 192.0.2.10 (the address of eth0, the interface on the client's subnet)"),
                text(from));
        // Without a destination, a specific address may well be the one clients use.
        assertEquals(List.of(), codes(ask("8080", null)));

        FakeSystem bound = new FakeSystem();
        bound.add(bound.tcp, SocketTable.TCP, TcpState.LISTEN, 0, 128, "0.0.0.0:9000", "0.0.0.0:*", -1, 1, APP);
        Diagnosis d = bound.doctor().examine(query("9000", "192.0.2.77"));
        assertEquals(List.of(FindingCode.WRONG_ADDRESS), codes(d));
        assertTrue(d.findings().getFirst().summary().contains("bound to device lo, but a client at 192.0.2.77 arrives"
                + " on eth0"), d.findings().getFirst().summary());
    }

    private static ReachQuery query(String target, String from) {
        try {
            return new ReachQuery(TargetSyntax.parse(target, Transport.TCP), from == null ? null : ip(from), null);
        } catch (TargetSyntaxException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void v6OnlyFromTheSocketFlag() throws Exception {
        host.add(host.tcp, SocketTable.TCP, TcpState.LISTEN, 0, 128, "[::]:8080", "[::]:*", 1, 0, APP);
        Finding f = finding(ask("8080", "192.0.2.77"), FindingCode.V6_ONLY);
        assertTrue(text(f).contains("the socket reports v6only=1"), text(f));
        assertTrue(text(f).contains("net.ipv6.bindv6only = 0: the program set IPV6_V6ONLY itself"), text(f));
        assertEquals(List.of(), codes(ask("8080", "2001:db8::77")));
        // Without --from the client is taken to be IPv4, and the evidence says so.
        assertTrue(text(finding(ask("8080", null), FindingCode.V6_ONLY)).contains("taken to be IPv4"));
    }

    @Test
    void v6OnlyUnknownFallsBackToTheNamespaceDefault() throws Exception {
        host.add(host.tcp, SocketTable.TCP, TcpState.LISTEN, 0, 128, "[::]:8080", "[::]:*", -1, 0, APP);
        assertEquals(List.of(), codes(ask("8080", "192.0.2.77")));
        host.sysctls.put("net.ipv6.bindv6only", "1");
        assertEquals(List.of(FindingCode.V6_ONLY), codes(ask("8080", "192.0.2.77")));
    }

    @Test
    void aSpecificIpv6AddressCannotTakeIpv4AndMappedOnesCannotTakeIpv6() throws Exception {
        host.listener("[2001:db8::10]:8080", APP);
        assertEquals(List.of(FindingCode.V6_ONLY), codes(ask("8080", "192.0.2.77")));
        FakeSystem mapped = new FakeSystem();
        mapped.listener("[::ffff:192.0.2.10]:8080", APP);
        assertEquals(List.of(), codes(mapped.doctor().examine(query("8080", "192.0.2.77"))));
        assertEquals(List.of(FindingCode.V4_ONLY), codes(mapped.doctor().examine(query("8080", "2001:db8::77"))));
    }

    @Test
    void v4OnlyForAnIpv6Client() throws Exception {
        host.listener("0.0.0.0:8080", APP);
        Finding f = finding(ask("[2001:db8::10]:8080", null), FindingCode.V4_ONLY);
        assertEquals("app (pid 4242) listens on IPv4 only (0.0.0.0:8080), so a remote IPv6 client cannot connect",
                f.summary());
    }

    @Test
    void backlogFullWithCounters() throws Exception {
        host.add(host.tcp, SocketTable.TCP, TcpState.LISTEN, 129, 128, "0.0.0.0:8080", "0.0.0.0:*", -1, 0, APP);
        Finding f = finding(ask("8080", null), FindingCode.BACKLOG_FULL);
        assertTrue(text(f).contains("accept queue 129 of backlog 128"), text(f));
        assertTrue(text(f).contains("ListenOverflows 7, ListenDrops 9"), text(f));
        assertTrue(text(f).contains("net.core.somaxconn = 4096"), text(f));
        FakeSystem calm = new FakeSystem();
        calm.add(calm.tcp, SocketTable.TCP, TcpState.LISTEN, 3, 128, "0.0.0.0:8080", "0.0.0.0:*", -1, 0, APP);
        assertEquals(List.of(), codes(calm.doctor().examine(query("8080", null))));
    }

    @Test
    void closeWaitLeakOnThePortIsAWarning() throws Exception {
        host.listener("0.0.0.0:8080", APP);
        for (int i = 0; i < 4; i++) {
            host.tcp(TcpState.CLOSE_WAIT, "192.0.2.10:8080", "192.0.2.77:" + (40000 + i), APP);
        }
        assertEquals(List.of(), codes(ask("8080", null)), "4 is under the threshold of 5");
        host.tcp(TcpState.CLOSE_WAIT, "192.0.2.10:8080", "192.0.2.77:40004", APP);
        Diagnosis d = ask("8080", null);
        Finding f = finding(d, FindingCode.CLOSE_WAIT_LEAK);
        assertEquals(Severity.WARNING, f.severity());
        assertTrue(f.summary().startsWith("app (pid 4242) holds 5 connections in CLOSE-WAIT"), f.summary());
        assertTrue(d.problem());
    }

    @Test
    void closeWaitLeakElsewhereInTheOwnerIsANoteUnderAnOkVerdict() throws Exception {
        host.listener("0.0.0.0:8080", APP);
        host.listener("0.0.0.0:9090", APP);
        host.limits.put(4242, new ProcessLimits(4242, 40, 1024, 4096));
        for (int i = 0; i < 8; i++) {
            host.tcp(TcpState.CLOSE_WAIT, "192.0.2.10:9090", "192.0.2.77:" + (40000 + i), APP);
        }
        // The owner's outgoing connections count too: the same code forgets to close them.
        host.tcp(TcpState.CLOSE_WAIT, "192.0.2.10:41000", "192.0.2.99:5432", APP);
        host.tcp(TcpState.CLOSE_WAIT, "192.0.2.10:41001", "192.0.2.99:5432", new Owner("other", 9, 9, 4));
        Diagnosis d = ask("8080", null);
        assertEquals(List.of(FindingCode.CLOSE_WAIT_LEAK), codes(d));
        Finding f = d.findings().getFirst();
        assertEquals(Severity.INFO, f.severity());
        assertEquals("app (pid 4242) holds 9 connections in CLOSE-WAIT, none of them on port 8080: a leak, not yet in"
                + " the way of port 8080's clients", f.summary());
        assertTrue(text(f).contains("app (pid 4242): 40 of 1024 descriptors open (4%), far from the limit"), text(f));
        assertFalse(d.problem());
        assertTrue(d.verdict().startsWith("tcp port 8080 for a remote IPv4 client: OK — app (pid 4242) listens on"),
                d.verdict());
        // On the port that leaks, it is the warning it always was.
        assertEquals(Severity.WARNING, finding(ask("9090", null), FindingCode.CLOSE_WAIT_LEAK).severity());
        // A few on the port itself, the rest elsewhere: still a note.
        host.tcp(TcpState.CLOSE_WAIT, "192.0.2.10:8080", "192.0.2.77:45000", APP);
        Finding mixed = finding(ask("8080", null), FindingCode.CLOSE_WAIT_LEAK);
        assertEquals(Severity.INFO, mixed.severity());
        assertTrue(mixed.summary().contains("10 connections in CLOSE-WAIT, 1 of them on port 8080"), mixed.summary());
    }

    @Test
    void closeWaitLeakElsewhereThatNearsTheDescriptorLimitIsAWarning() throws Exception {
        host.listener("0.0.0.0:8080", APP);
        host.limits.put(4242, new ProcessLimits(4242, 900, 1024, 4096));
        for (int i = 0; i < 8; i++) {
            host.tcp(TcpState.CLOSE_WAIT, "192.0.2.10:9090", "192.0.2.77:" + (40000 + i), APP);
        }
        Diagnosis d = ask("8080", null);
        assertEquals(List.of(FindingCode.CLOSE_WAIT_LEAK, FindingCode.FD_LIMIT_NEAR), codes(d));
        Finding f = finding(d, FindingCode.CLOSE_WAIT_LEAK);
        assertEquals(Severity.WARNING, f.severity());
        assertTrue(text(f).contains("app (pid 4242): 900 of 1024 descriptors open (88%), near the limit"), text(f));
        // Unknown descriptor counts: a note, and it says what it could not see.
        host.limits.clear();
        Finding unknown = finding(ask("8080", null), FindingCode.CLOSE_WAIT_LEAK);
        assertEquals(Severity.INFO, unknown.severity());
        assertTrue(text(unknown).contains("the open descriptors of app (pid 4242) could not be counted"),
                text(unknown));
    }

    @Test
    void fdLimitNearAndAtTheLimit() throws Exception {
        host.listener("0.0.0.0:8080", APP);
        host.limits.put(4242, new ProcessLimits(4242, 850, 1024, 4096));
        Finding near = finding(ask("8080", null), FindingCode.FD_LIMIT_NEAR);
        assertEquals(Severity.WARNING, near.severity());
        assertTrue(text(near).contains("850 open descriptors (/proc/4242/fd), RLIMIT_NOFILE soft 1024, hard 4096"),
                text(near));
        host.limits.put(4242, new ProcessLimits(4242, 1024, 1024, 4096));
        assertEquals(Severity.ERROR, finding(ask("8080", null), FindingCode.FD_LIMIT_NEAR).severity());
        host.limits.put(4242, new ProcessLimits(4242, 700, 1024, 4096));
        assertEquals(List.of(), codes(ask("8080", null)));
        host.limits.put(4242, new ProcessLimits(4242, 1_000_000, -1, -1));
        assertEquals(List.of(), codes(ask("8080", null)), "unlimited");
    }

    @Test
    void manyTimeWaitIsInformationOnly() throws Exception {
        host.listener("0.0.0.0:8080", APP);
        for (int i = 0; i < 120; i++) {
            host.tcp(TcpState.TIME_WAIT, "192.0.2.10:8080", "192.0.2.77:" + (40000 + i), null);
        }
        Diagnosis d = ask("8080", null);
        assertEquals(List.of(FindingCode.TIME_WAIT_NORMAL), codes(d));
        assertFalse(d.problem());
        assertNull(d.findings().getFirst().fix());
        assertTrue(d.verdict().contains(": OK — "), d.verdict());
    }

    @Test
    void ephemeralPortsDependOnTimeWaitReuse() throws Exception {
        host.sysctls.put("net.ipv4.ip_local_port_range", "40000 40099");
        host.listener("127.0.0.1:8080", APP);
        for (int i = 0; i < 90; i++) {
            host.tcp(TcpState.TIME_WAIT, "127.0.0.1:" + (40000 + i), "127.0.0.1:8080", null);
        }
        // tcp_tw_reuse = 2 (the default): loopback connections take over TIME-WAIT ports.
        assertEquals(List.of(), codes(ask("127.0.0.1:8080", null)));
        host.sysctls.put("net.ipv4.tcp_tw_reuse", "0");
        Finding f = finding(ask("127.0.0.1:8080", null), FindingCode.EPHEMERAL_PORTS_LOW);
        assertTrue(f.summary().startsWith("connections 127.0.0.1 → 127.0.0.1:8080 use 90 of the 100 ephemeral ports"),
                f.summary());
        // ESTABLISHED connections press on the range whatever tcp_tw_reuse says.
        FakeSystem remote = new FakeSystem();
        remote.sysctls.put("net.ipv4.ip_local_port_range", "40000 40099");
        for (int i = 0; i < 85; i++) {
            remote.tcp(TcpState.ESTABLISHED, "192.0.2.10:" + (40000 + i), "198.51.100.5:5432", APP);
        }
        remote.tcp(TcpState.ESTABLISHED, "192.0.2.10:50000", "198.51.100.5:5432", APP); // outside the range
        Diagnosis d = remote.doctor().examine(query("5432", null));
        assertEquals(List.of(FindingCode.NOT_LISTENING, FindingCode.EPHEMERAL_PORTS_LOW), codes(d));
        assertTrue(finding(d, FindingCode.EPHEMERAL_PORTS_LOW).summary().contains("use 85 of the 100"));
    }

    @Test
    void hiddenOwnersAndWhy() throws Exception {
        host.listener("0.0.0.0:8080", null);
        Finding other = finding(ask("8080", null), FindingCode.OWNER_HIDDEN);
        assertTrue(other.summary().contains("another PID namespace"), other.summary());
        host.ownerLimitation = "not running as root (uid 1000): the descriptors of other users' processes cannot be read";
        Diagnosis d = ask("8080", null);
        Finding notRoot = finding(d, FindingCode.OWNER_HIDDEN);
        assertEquals(Severity.INFO, notRoot.severity());
        assertTrue(notRoot.summary().contains("not running as root (uid 1000)"), notRoot.summary());
        assertEquals("Run the doctor as root (sudo) to see every owner.", notRoot.fix());
        assertTrue(d.verdict().contains("OK — an unseen process listens on 0.0.0.0:8080"), d.verdict());
    }

    @Test
    void firewallBlockedNamesTheRule() throws Exception {
        host.listener("0.0.0.0:8080", APP);
        host.rulesetJson = resource("/doctor/nft/server-firewall.json");
        Diagnosis d = ask("8080", "192.0.2.77");
        assertEquals(List.of(FindingCode.FIREWALL_BLOCKED), codes(d));
        Finding f = d.findings().getFirst();
        assertEquals("the firewall rejects tcp port 8080 for a client at 192.0.2.77 (clients get 'connection refused')",
                f.summary());
        assertEquals(new Evidence.FirewallRule("inet", "filter", "input", 13, "table inet filter chain input handle 13",
                "counter reject with icmpx admin-prohibited"), f.evidence().getFirst());
        assertTrue(f.fix().contains("nft insert rule inet filter input position 13 tcp dport 8080 accept"), f.fix());
        // The web ports it lets through, and says which rule did.
        host.listener("0.0.0.0:443", APP);
        Diagnosis web = ask("443", "192.0.2.77");
        assertEquals(List.of(), codes(web));
        assertTrue(web.observations().contains(new Evidence.FirewallRule("inet", "filter", "input", 9,
                "table inet filter chain input handle 9", "tcp dport { 22, 80, 443 } accept")),
                web.observations().toString());
    }

    @Test
    void firewallUnknownSaysWhatWouldDecideIt() throws Exception {
        host.listener("0.0.0.0:5432", POSTGRES);
        host.rulesetJson = resource("/doctor/nft/server-firewall.json");
        Diagnosis d = ask("5432", null);
        assertEquals(List.of(FindingCode.FIREWALL_UNKNOWN), codes(d));
        assertFalse(d.problem());
        Finding f = d.findings().getFirst();
        assertTrue(text(f).contains("undecided: ip saddr 10.0.0.0/8 (table inet filter chain input handle 10)"), text(f));
        assertTrue(f.fix().contains("--from"), f.fix());
        assertEquals("whether the firewall lets a remote IPv4 client through to tcp port 5432 depends on the client's"
                + " address", f.summary());
        // Not OK: some clients time out. The verdict says that the answer depends on the client.
        assertEquals(Diagnosis.Status.UNDECIDED, d.status());
        assertEquals("tcp port 5432 for a remote IPv4 client: UNDECIDED — postgres (pid 700) listens on 0.0.0.0:5432,"
                + " but whether the firewall lets a remote IPv4 client through depends on the client's address: ask"
                + " again with --from ADDRESS", d.verdict());
        assertEquals(Diagnosis.Status.OK, ask("5432", "10.1.2.3").status());
        assertEquals(List.of(FindingCode.FIREWALL_BLOCKED), codes(ask("5432", "192.0.2.77")));
        // A problem found besides outranks an undecided firewall.
        host.limits.put(700, new ProcessLimits(700, 1024, 1024, 1024));
        assertEquals(Diagnosis.Status.PROBLEM, ask("5432", null).status());
    }

    @Test
    void firewallUndecidedByWhatTheDoctorCannotSee() throws Exception {
        host.listener("0.0.0.0:22", APP);
        host.rulesetJson = resource("/doctor/nft/undecidable.json");
        // A rate limit decides, whoever the client is.
        Diagnosis d = ask("22", "192.0.2.77");
        assertEquals(List.of(FindingCode.FIREWALL_UNKNOWN), codes(d));
        assertEquals(Diagnosis.Status.UNDECIDED, d.status());
        assertTrue(d.verdict().endsWith(": UNDECIDED — app (pid 4242) listens on 0.0.0.0:22, but whether the firewall"
                + " lets a client at 192.0.2.77 through depends on what the doctor cannot decide (see FIREWALL_UNKNOWN)"),
                d.verdict());
    }

    @Test
    void anUnreadableRulesetIsUnknownNotBlocked() throws Exception {
        host.listener("0.0.0.0:8080", APP);
        host.rulesetProblem = "nft -j list ruleset failed: Operation not permitted (you must be root)";
        Diagnosis d = ask("8080", null);
        Finding f = finding(d, FindingCode.FIREWALL_UNKNOWN);
        assertEquals(Severity.INFO, f.severity());
        assertEquals(new Evidence.Fact(host.rulesetProblem), f.evidence().getFirst());
        assertTrue(f.fix().contains("--no-firewall"), f.fix());
        // Not read is not evaluated, and not OK either: every client may time out.
        assertEquals(Diagnosis.Status.UNDECIDED, d.status());
        assertEquals("tcp port 8080 for a remote IPv4 client: UNDECIDED — app (pid 4242) listens on 0.0.0.0:8080, but"
                + " whether the firewall lets a remote IPv4 client through is unknown: its ruleset could not be read"
                + " (see FIREWALL_UNKNOWN)", d.verdict());
        // A problem found besides still makes it PROBLEM.
        host.listener("127.0.0.1:8081", APP);
        assertEquals(Diagnosis.Status.PROBLEM, ask("8081", null).status());
    }

    @Test
    void withoutTheFirewallTheVerdictRestsOnTheSockets() throws Exception {
        host.listener("0.0.0.0:8080", APP);
        host.rulesetProblem = "nft is not installed (apt-get install nftables), so the firewall ruleset cannot be read";
        Diagnosis d = host.doctor().examine(new ReachQuery(new InetTarget(Transport.TCP, null, 8080), null, null,
                false));
        assertEquals(List.of(), codes(d));
        assertEquals(Diagnosis.Status.OK, d.status());
        assertEquals("tcp port 8080 for a remote IPv4 client: OK — app (pid 4242) listens on 0.0.0.0:8080; the"
                + " firewall was not examined", d.verdict());
        assertTrue(d.observations().contains(new Evidence.Fact("firewall: not examined (--no-firewall)")),
                d.observations().toString());
        // Not even asked: a blocking ruleset changes nothing.
        host.rulesetProblem = null;
        host.rulesetJson = resource("/doctor/nft/server-firewall.json");
        assertEquals(Diagnosis.Status.OK, host.doctor().examine(new ReachQuery(
                new InetTarget(Transport.TCP, null, 8080), InetAddress.ofLiteral("192.0.2.77"), null, false)).status());
    }

    @Test
    void problemsComeFirstAndTheVerdictCountsThem() throws Exception {
        host.listener("127.0.0.1:8080", APP);
        host.limits.put(4242, new ProcessLimits(4242, 1000, 1024, 1024));
        for (int i = 0; i < 150; i++) {
            host.tcp(TcpState.TIME_WAIT, "127.0.0.1:8080", "127.0.0.1:" + (40000 + i), null);
        }
        Diagnosis d = ask("8080", null);
        assertEquals(List.of(FindingCode.LOOPBACK_ONLY, FindingCode.FD_LIMIT_NEAR, FindingCode.TIME_WAIT_NORMAL),
                codes(d));
        assertTrue(d.verdict().endsWith("(and 1 more)"), d.verdict());
        assertTrue(d.problem());
    }

    @Test
    void udpListenersAreBoundUnconnectedSockets() throws Exception {
        host.add(host.udp, SocketTable.UDP, TcpState.CLOSE, 0, 0, "0.0.0.0:53", "0.0.0.0:*", -1, 0, APP);
        host.add(host.udp, SocketTable.UDP, TcpState.ESTABLISHED, 0, 0, "192.0.2.10:5353", "192.0.2.1:53", -1, 0, APP);
        Diagnosis d = host.doctor().examine(new ReachQuery(new InetTarget(Transport.UDP, null, 53), null, null));
        assertEquals(List.of(), codes(d));
        Diagnosis connected = host.doctor().examine(new ReachQuery(new InetTarget(Transport.UDP, null, 5353), null, null));
        assertEquals(List.of(FindingCode.NOT_LISTENING), codes(connected));
    }

    @Test
    void notListeningPointsAtTheBindCheckOfTheSameTransport() throws Exception {
        Diagnosis udp = host.doctor().examine(new ReachQuery(new InetTarget(Transport.UDP, null, 5353), null, null));
        Finding f = finding(udp, FindingCode.NOT_LISTENING);
        assertTrue(f.fix().endsWith("'sockscope doctor bind 5353 --udp' tells whether a bind can succeed."), f.fix());
        Finding tcp = finding(ask("5353", null), FindingCode.NOT_LISTENING);
        assertTrue(tcp.fix().endsWith("'sockscope doctor bind 5353' tells whether a bind can succeed."), tcp.fix());
    }

    @Test
    void questionsThatCannotBeAnswered() throws Exception {
        assertThrows(IllegalArgumentException.class, () -> new ReachQuery(
                new InetTarget(Transport.TCP, ip("2001:db8::10"), 80), ip("192.0.2.77"), null));
        assertThrows(IllegalArgumentException.class, () -> host.doctor().examine(new ReachQuery(
                new InetTarget(Transport.TCP, ip("127.0.0.1"), 80), ip("192.0.2.77"), null)));
        assertThrows(IllegalArgumentException.class, () -> new ReachQuery(new UnixTarget("/x"), ip("192.0.2.77"), null));
    }

    @Test
    void anUnreadableSocketTableIsADiagnosisFailure() throws Exception {
        Providers p = host.providers();
        Providers broken = new Providers(new SocketProvider() {
            @Override
            public List<InetSocket> inet(Transport transport) throws ProviderException {
                throw new ProviderException("netlink: EPERM");
            }

            @Override
            public List<io.sockscope.model.UnixSocket> unix() throws ProviderException {
                throw new ProviderException("netlink: EPERM");
            }
        }, p.owners(), p.sysctls(), p.limits(), p.firewall(), p.interfaces(), p.counters(), p.files(), p.accounts(),
                p.unixConnect(), p.namespaces());
        DiagnosisException e = assertThrows(DiagnosisException.class,
                () -> new Doctor(broken).examine(query("80", null)));
        assertEquals("cannot read the tcp socket table: netlink: EPERM", e.getMessage());
    }

    @Test
    void addressesAreWrittenShort() throws Exception {
        assertEquals("::1", ReadableAddress.of(InetAddress.ofLiteral("::1")));
        assertEquals("fd00::1", ReadableAddress.of(ip("fd00:0:0:0:0:0:0:1")));
        assertEquals("2001:db8::1:0:0:1", ReadableAddress.of(ip("2001:db8:0:0:1:0:0:1")));
        assertEquals("2001:db8:0:1:1:1:1:1", ReadableAddress.of(ip("2001:db8:0:1:1:1:1:1")));
        assertEquals("::", ReadableAddress.of(new byte[16]));
        assertEquals("::ffff:10.0.0.1", ReadableAddress.of(FakeSystem.endpoint("[::ffff:10.0.0.1]:1").address()));
        assertEquals("[::1]:80", ReadableAddress.of(ip("::1"), 80));
    }
}
