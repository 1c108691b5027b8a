package io.sockscope.diagnose;

import io.sockscope.model.Owner;
import io.sockscope.model.SocketTable;
import io.sockscope.model.TcpState;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static io.sockscope.diagnose.FakeSystem.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code doctor --all} over hosts described through injected providers. */
class AuditTest {
    private static final Owner SSHD = new Owner("sshd", 880, 880, 3);
    private static final Owner POSTGRES = new Owner("postgres", 700, 700, 5);
    private static final Owner APP = new Owner("app", 4242, 4242, 3);
    private static final Owner NGINX = new Owner("nginx", 90, 90, 6);

    private final FakeSystem host = new FakeSystem();

    private Audit audit(String from, boolean firewall) throws DiagnosisException {
        return host.doctor().audit(new AuditQuery(Transport.TCP, from == null ? null : ip(from), firewall));
    }

    private static List<String> lines(Audit a) {
        return a.listeners().stream().map(l -> l.describe() + " " + l.label() + " " + l.owner()).toList();
    }

    /** A host with one listener of each kind. */
    private void zoo() {
        host.listener("0.0.0.0:22", SSHD);
        host.listener("127.0.0.1:5432", POSTGRES);
        host.add(host.tcp, SocketTable.TCP, TcpState.LISTEN, 0, 128, "[::]:8080", "[::]:*", 1, 0, APP);
        host.add(host.tcp, SocketTable.TCP, TcpState.LISTEN, 3, 2, "0.0.0.0:9000", "0.0.0.0:*", -1, 0, APP);
        host.listener("0.0.0.0:80", NGINX);
        host.add(host.tcp, SocketTable.TCP, TcpState.LISTEN, 0, 128, "[::]:80", "[::]:*", 1, 0, NGINX);
        host.listener("[2001:db8::10]:443", NGINX);
        host.tcp(TcpState.ESTABLISHED, "192.0.2.10:22", "192.0.2.77:50000", SSHD);
    }

    @Test
    void everyListenerGetsAVerdictFromOneSnapshot() throws Exception {
        zoo();
        Audit a = audit(null, true);
        assertEquals(List.of(
                "0.0.0.0:22 ok sshd (pid 880)",
                "0.0.0.0:80 ok nginx (pid 90)",
                "[::]:80 ok nginx (pid 90)",
                "[2001:db8::10]:443 ok nginx (pid 90)",
                "127.0.0.1:5432 loopback-only postgres (pid 700)",
                "[::]:8080 v6-only app (pid 4242)",
                "0.0.0.0:9000 backlog-full app (pid 4242)"), lines(a));
        assertEquals(Diagnosis.Status.PROBLEM, a.status());
        assertEquals("tcp listeners for remote clients: PROBLEM — 2 of 7 listeners have a problem (v6-only,"
                + " backlog-full)", a.verdict());
        // One dump of each table and one ruleset for the whole audit, however many listeners.
        assertEquals(2, host.socketDumps);
        assertEquals(1, host.rulesetReads);
        // Each verdict is the one the doctor gives that listener on its own.
        assertEquals("tcp port 9000 for a remote IPv4 client: PROBLEM — app (pid 4242) is not accepting connections:"
                + " the accept queue of 0.0.0.0:9000 is full, so new connections are dropped",
                a.listeners().get(6).diagnosis().verdict());
        assertEquals(host.doctor().examine(new ReachQuery(new InetTarget(Transport.TCP, null, 8080), null, null)),
                a.listeners().get(5).diagnosis());
        // A loopback listener is judged for clients on this host; one on a specific address, for its own family.
        assertEquals("tcp 127.0.0.1:5432 for a client on this host", a.listeners().get(4).diagnosis().target());
        assertEquals("tcp [2001:db8::10]:443 for a remote IPv6 client", a.listeners().get(3).diagnosis().target());
        // Both wildcards of port 80 ask the same question, and share its answer.
        assertSame(a.listeners().get(1).diagnosis(), a.listeners().get(2).diagnosis());
        assertNull(a.firewallProblem());
    }

    @Test
    void withoutProblemsTheAuditIsOkAndSaysWhatIsLocalOnly() throws Exception {
        host.listener("0.0.0.0:22", SSHD);
        host.listener("127.0.0.1:5432", POSTGRES);
        Audit a = audit(null, true);
        assertEquals(Diagnosis.Status.OK, a.status());
        assertEquals("tcp listeners for remote clients: OK — 2 listeners, nothing in the way (1 on loopback only, for"
                + " clients on this host)", a.verdict());
    }

    @Test
    void nothingListeningIsNothingInTheWay() throws Exception {
        Audit a = audit(null, true);
        assertEquals(List.of(), a.listeners());
        assertEquals("tcp listeners for remote clients: OK — nothing listens", a.verdict());
    }

    @Test
    void aClientAddressFindsWhatTheFirewallKeepsFromIt() throws Exception {
        host.rulesetJson = resource("/doctor/nft/server-firewall.json");
        host.listener("0.0.0.0:22", SSHD);
        host.listener("0.0.0.0:5432", POSTGRES);
        host.listener("127.0.0.1:6379", APP);
        Audit outsider = audit("192.0.2.77", true);
        assertEquals(List.of("0.0.0.0:22 ok sshd (pid 880)", "0.0.0.0:5432 firewalled postgres (pid 700)",
                "127.0.0.1:6379 loopback-only app (pid 4242)"), lines(outsider));
        assertEquals("tcp listeners for a client at 192.0.2.77: PROBLEM — 1 of 3 listeners has a problem (firewalled)",
                outsider.verdict());
        assertEquals(Diagnosis.Status.OK, audit("10.1.2.3", true).status());
        // Without the client's address the allow-list leaves port 5432 undecided: exit 4, not OK.
        Audit anyone = audit(null, true);
        assertEquals(Diagnosis.Status.UNDECIDED, anyone.status());
        assertEquals("undecided", anyone.listeners().get(1).label());
        assertTrue(anyone.verdict().endsWith(": UNDECIDED — nothing wrong was found, but for 1 of 3 listeners"
                + " whether a client gets through is not known"), anyone.verdict());
    }

    @Test
    void anUnreadableRulesetIsUndecidedOnceForAllUnlessLeftOut() throws Exception {
        host.listener("0.0.0.0:22", SSHD);
        host.listener("0.0.0.0:80", NGINX);
        host.rulesetProblem = "nft -j list ruleset failed: Operation not permitted (you must be root)";
        Audit a = audit(null, true);
        assertEquals(Diagnosis.Status.UNDECIDED, a.status());
        assertEquals(host.rulesetProblem, a.firewallProblem());
        assertTrue(a.verdict().endsWith("whether a client gets through is not known: the firewall ruleset could not be"
                + " read"), a.verdict());
        Audit socketsOnly = audit(null, false);
        assertEquals(Diagnosis.Status.OK, socketsOnly.status());
        assertNull(socketsOnly.firewallProblem());
    }

    @Test
    void aLeakOnAListenersPortIsLeaking() throws Exception {
        host.listener("0.0.0.0:8080", APP);
        host.listener("0.0.0.0:8081", APP);
        for (int i = 0; i < 6; i++) {
            host.tcp(TcpState.CLOSE_WAIT, "192.0.2.10:8080", "192.0.2.77:" + (40000 + i), APP);
        }
        Audit a = audit(null, true);
        assertEquals(List.of("0.0.0.0:8080 leaking app (pid 4242)", "0.0.0.0:8081 ok app (pid 4242)"), lines(a));
        // The same owner's other port: a note under an OK verdict, as doctor 8081 says.
        assertEquals(List.of(FindingCode.CLOSE_WAIT_LEAK), a.listeners().get(1).diagnosis().findings().stream()
                .map(Finding::code).toList());
    }

    @Test
    void udpAuditsBoundSockets() throws Exception {
        host.add(host.udp, SocketTable.UDP, TcpState.CLOSE, 0, 0, "0.0.0.0:53", "0.0.0.0:*", -1, 0, APP);
        host.add(host.udp, SocketTable.UDP, TcpState.ESTABLISHED, 0, 0, "192.0.2.10:40000", "192.0.2.1:53", -1, 0,
                APP);
        host.listener("0.0.0.0:22", SSHD);
        Audit a = host.doctor().audit(new AuditQuery(Transport.UDP, null, true));
        assertEquals(List.of("0.0.0.0:53 ok app (pid 4242)"), lines(a));
        assertEquals("udp port 53 for a remote IPv4 client", a.listeners().getFirst().diagnosis().target());
    }

    @Test
    void aDeviceBoundListenerNamesItsDevice() throws Exception {
        host.add(host.udp, SocketTable.UDP, TcpState.CLOSE, 0, 0, "0.0.0.0:67", "0.0.0.0:*", -1, 2, APP);
        Audit a = host.doctor().audit(new AuditQuery(Transport.UDP, null, true));
        assertEquals("0.0.0.0%eth0:67", a.listeners().getFirst().describe());
    }

    private static String resource(String path) throws IOException {
        try (InputStream in = AuditTest.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
