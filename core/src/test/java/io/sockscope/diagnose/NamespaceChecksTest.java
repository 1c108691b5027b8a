package io.sockscope.diagnose;

import io.sockscope.model.Owner;
import io.sockscope.model.Workload;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

import static io.sockscope.diagnose.DiagnosisText.codes;
import static io.sockscope.diagnose.DiagnosisText.finding;
import static io.sockscope.diagnose.DiagnosisText.text;
import static io.sockscope.diagnose.FakeSystem.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The doctor past its own network namespace, over hosts described by hand: a port that listens in a container
 * ({@code LISTENING_IN_OTHER_NETNS}), and a port a destination NAT rule publishes to one
 * ({@code PUBLISHED_TO_NETNS}, {@code PUBLISHED_TO_LOOPBACK_ONLY}, {@code PUBLISHED_TO_WRONG_ADDRESS},
 * {@code PUBLISHED_NOT_LISTENING}); and that the other namespaces are read only when that can matter.
 */
class NamespaceChecksTest {
    private static final Owner APP = new Owner("app", 4242, 4242, 3);
    private static final Owner WEB = new Owner("python3", 812, 812, 3);
    private static final Owner PROXY = new Owner("docker-proxy", 77, 77, 4);
    private static final String CONTAINER_ID = "3f2a1b2c3d4e" + "0".repeat(52);
    private static final Workload CONTAINER = new Workload(new Workload.Container("docker", CONTAINER_ID, "web"), null,
            "docker-" + CONTAINER_ID + ".scope");

    private final FakeSystem host = new FakeSystem();

    private Diagnosis ask(String target, String from, boolean firewall) {
        try {
            Target t = TargetSyntax.parse(target, Transport.TCP);
            return host.doctor().examine(new ReachQuery(t, from == null ? null : ip(from), null, firewall));
        } catch (TargetSyntaxException | DiagnosisException e) {
            throw new AssertionError(e);
        }
    }

    private Diagnosis ask(String target) {
        return ask(target, null, true);
    }

    /** A container's namespace: pid 812's, with eth0 at 172.17.0.2/16. */
    private FakeSystem.Namespace container() {
        return host.namespace(4026532900L, null, 812, 830).address("eth0", "172.17.0.2", 16);
    }

    /** {@code tcp dport PORT dnat to ADDRESS:TO} in table ip nat, chain prerouting (and output), handle 4 (5). */
    private static String dnat(int port, String address, int to) {
        String rule = "{\"match\": {\"op\": \"==\", \"left\": {\"payload\": {\"protocol\": \"tcp\", \"field\": \"dport\"}},"
                + " \"right\": " + port + "}}, {\"dnat\": {\"addr\": \"" + address + "\", \"port\": " + to + "}}";
        return "{\"nftables\": [{\"metainfo\": {\"version\": \"1.0.6\"}},"
                + " {\"chain\": {\"family\": \"ip\", \"table\": \"nat\", \"name\": \"prerouting\", \"handle\": 1,"
                + " \"type\": \"nat\", \"hook\": \"prerouting\", \"prio\": -100, \"policy\": \"accept\"}},"
                + " {\"chain\": {\"family\": \"ip\", \"table\": \"nat\", \"name\": \"output\", \"handle\": 2,"
                + " \"type\": \"nat\", \"hook\": \"output\", \"prio\": -100, \"policy\": \"accept\"}},"
                + " {\"rule\": {\"family\": \"ip\", \"table\": \"nat\", \"chain\": \"prerouting\", \"handle\": 4, \"expr\": ["
                + rule + "]}},"
                + " {\"rule\": {\"family\": \"ip\", \"table\": \"nat\", \"chain\": \"output\", \"handle\": 5, \"expr\": ["
                + rule + "]}}]}";
    }

    private static String resource(String path) {
        try (InputStream in = NamespaceChecksTest.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aPortThatListensHereNeverReadsTheOtherNamespaces() {
        host.listener("127.0.0.1:8080", APP);
        container().listener("0.0.0.0:8080", WEB, CONTAINER);
        Diagnosis d = ask("8080");
        assertEquals(List.of(FindingCode.LOOPBACK_ONLY), codes(d));
        assertEquals(0, host.namespaceReads, "a listener here: no namespace is read");
        host.tcp.clear();
        host.listener("0.0.0.0:8080", APP);
        assertEquals(List.of(), codes(ask("8080")));
        assertEquals(0, host.namespaceReads);
    }

    @Test
    void nothingAnywhereIsPlainNotListening() {
        host.listener("0.0.0.0:8081", APP);
        container().listener("0.0.0.0:9000", WEB, CONTAINER);
        Diagnosis d = ask("8080");
        assertEquals(List.of(FindingCode.NOT_LISTENING), codes(d));
        assertEquals(1, host.namespaceReads);
        assertTrue(text(finding(d, FindingCode.NOT_LISTENING)).contains("listening nearby: 0.0.0.0:8081"));
        assertEquals(List.of(), d.observations().stream().filter(e -> e instanceof Evidence.Fact f
                && f.text().startsWith("not read")).toList());
    }

    @Test
    void aContainerListeningOnItsLoopbackIsNamedWithTheFixInsideIt() {
        container().listener("127.0.0.1:8080", WEB, CONTAINER);
        Diagnosis d = ask("8080");
        assertEquals(List.of(FindingCode.LISTENING_IN_OTHER_NETNS), codes(d));
        assertEquals(Diagnosis.Status.PROBLEM, d.status());
        Finding f = finding(d, FindingCode.LISTENING_IN_OTHER_NETNS);
        assertEquals(Severity.ERROR, f.severity());
        assertEquals("nothing listens on tcp port 8080 in this network namespace, but python3 (pid 812) listens on it"
                + " in network namespace pid:812 (container web, docker 3f2a1b2c3d4e), bound to 127.0.0.1:8080",
                f.summary());
        Evidence.NamespaceSockets rows = assertInstanceOf(Evidence.NamespaceSockets.class, f.evidence().getFirst());
        assertEquals(CONTAINER, rows.workload());
        assertEquals(4026532900L, rows.netns().inode());
        assertEquals(List.of(WEB), rows.sockets().getFirst().owners());
        assertEquals("in network namespace pid:812 (container web, docker 3f2a1b2c3d4e):", rows.heading());
        assertTrue(text(f).contains("network namespace pid:812 has 172.17.0.2/16 (eth0)"), text(f));
        assertEquals("Make python3 (pid 812) listen on 0.0.0.0 (every IPv4 address) inside network namespace pid:812"
                + " (bound to its loopback address, it takes only clients inside it), then connect to 172.17.0.2:8080"
                + " or publish the port to this network namespace (a DNAT rule to 172.17.0.2:8080; for a Docker"
                + " container: docker run -p 8080:8080). 'sockscope doctor -N pid:812 8080' examines it where it listens.", f.fix());
        assertTrue(d.verdict().startsWith("tcp port 8080 for a remote IPv4 client: PROBLEM — nothing listens on tcp"
                + " port 8080 in this network namespace, but python3 (pid 812)"), d.verdict());
    }

    @Test
    void aNamedNamespaceListeningEverywhereIsReachedAtItsAddress() {
        host.namespace(4026532901L, "web-ns").address("veth1", "10.213.0.2", 30)
                .listener("0.0.0.0:8080", WEB, null);
        Finding f = finding(ask("8080"), FindingCode.LISTENING_IN_OTHER_NETNS);
        assertTrue(f.summary().endsWith("listens on it in network namespace web-ns, bound to 0.0.0.0:8080"),
                f.summary());
        assertEquals("Connect to 10.213.0.2:8080, an address of network namespace web-ns, or publish the port to this"
                + " network namespace (a DNAT rule to 10.213.0.2:8080; for a Docker container: docker run -p"
                + " 8080:8080)."
                + " 'sockscope doctor -N web-ns 8080' examines it where it listens.", f.fix());
    }

    @Test
    void severalNamespacesAreCountedAndTheTargetsOwnerNamed() {
        container().listener("127.0.0.1:8080", WEB, CONTAINER);
        host.namespace(4026532901L, "web-ns").address("veth1", "10.213.0.2", 30).listener("10.213.0.2:8080", APP, null);
        host.unreadableNamespaces = 2;
        host.namespaceLimitation = "inode:4026533000: setns /proc/9/ns/net: EPERM";
        Diagnosis d = ask("10.213.0.2:8080");
        Finding f = finding(d, FindingCode.LISTENING_IN_OTHER_NETNS);
        assertEquals("nothing listens on tcp port 8080 at 10.213.0.2 in this network namespace, but it listens in 2"
                + " other network namespaces: network namespace pid:812 (container web, docker 3f2a1b2c3d4e) on"
                + " 127.0.0.1:8080; network namespace web-ns on 10.213.0.2:8080", f.summary());
        String t = text(f);
        assertTrue(t.contains("10.213.0.2 is an address of network namespace web-ns (veth1), not of this one"), t);
        assertTrue(d.observations().contains(new Evidence.Fact("not read: other network namespaces: 2 could not be"
                + " read (inode:4026533000: setns /proc/9/ns/net: EPERM)")), d.observations().toString());
        assertEquals(2, f.evidence().stream().filter(e -> e instanceof Evidence.NamespaceSockets).count());
    }

    @Test
    void theOtherNamespacesUnreadableLeaveNotListeningWithANote() {
        host.namespaceProblem = "cannot list the network namespaces: /proc: EACCES";
        Diagnosis d = ask("8080");
        assertEquals(List.of(FindingCode.NOT_LISTENING), codes(d));
        assertTrue(d.observations().contains(new Evidence.Fact("not read: other network namespaces: cannot list the"
                + " network namespaces: /proc: EACCES")), d.observations().toString());
    }

    @Test
    void aUdpPortListeningInAContainer() throws Exception {
        container().udpListener("0.0.0.0:5353", WEB, CONTAINER);
        Target t = TargetSyntax.parse("5353", Transport.UDP);
        Diagnosis d = host.doctor().examine(new ReachQuery(t, null, null, true));
        Finding f = finding(d, FindingCode.LISTENING_IN_OTHER_NETNS);
        assertTrue(f.summary().startsWith("nothing listens on udp port 5353"), f.summary());
        assertTrue(f.fix().contains("docker run -p 5353:5353/udp") && f.fix().contains("doctor -N pid:812 5353 --udp'"), f.fix());
    }

    @Test
    void aPortPublishedToAContainerThatListensEverywhereWorks() {
        host.rulesetJson = dnat(8080, "172.17.0.2", 80);
        container().listener("0.0.0.0:80", WEB, CONTAINER);
        Diagnosis d = ask("8080");
        assertEquals(List.of(FindingCode.PUBLISHED_TO_NETNS), codes(d), d.toString());
        assertEquals(Diagnosis.Status.OK, d.status());
        Finding f = finding(d, FindingCode.PUBLISHED_TO_NETNS);
        assertEquals(Severity.INFO, f.severity());
        assertNull(f.fix());
        assertEquals("tcp port 8080 is published to 172.17.0.2:80 in network namespace pid:812 (container web, docker"
                + " 3f2a1b2c3d4e), where python3 (pid 812) listens on 0.0.0.0:80", f.summary());
        Evidence.FirewallRule rule = assertInstanceOf(Evidence.FirewallRule.class, f.evidence().getFirst());
        assertEquals(List.of("ip", "nat", "prerouting", "4", "tcp dport 8080 dnat to 172.17.0.2:80"),
                List.of(rule.family(), rule.table(), rule.chain(), String.valueOf(rule.handle()), rule.rule()));
        String t = text(f);
        assertTrue(t.contains("172.17.0.2 is the address of eth0 in network namespace pid:812"), t);
        assertTrue(t.contains("firewall: no nftables chain on the forward path; the firewall of network namespace"
                + " pid:812 itself is not examined"), t);
        assertEquals("tcp port 8080 for a remote IPv4 client: OK — python3 (pid 812) listens on 0.0.0.0:80 in network"
                + " namespace pid:812 (container web, docker 3f2a1b2c3d4e), to which the firewall sends tcp port 8080"
                + " (dnat to 172.17.0.2:80)", d.verdict());
        assertEquals(1, host.namespaceReads);
    }

    @Test
    void aForwardChainTheDoctorDoesNotEvaluateLeavesItUndecided() {
        host.rulesetJson = resource("/doctor/nft/dnat.json");
        host.namespace(4026532901L, "web-ns").address("veth1", "10.213.0.2", 30).listener("0.0.0.0:80", WEB, null);
        Diagnosis d = ask("8080");
        assertEquals(List.of(FindingCode.PUBLISHED_TO_NETNS), codes(d), d.toString());
        assertEquals(Diagnosis.Status.UNDECIDED, d.status());
        assertTrue(d.verdict().endsWith("but whether the firewall's forward path lets a remote IPv4 client through is"
                + " not evaluated (see PUBLISHED_TO_NETNS)"), d.verdict());
        assertTrue(text(finding(d, FindingCode.PUBLISHED_TO_NETNS)).contains("firewall: the forward path is not"
                + " evaluated (table inet filter chain forward (hook forward priority 0 policy drop))"), d.toString());
        // A client on this host is translated by the output chain and sent, not forwarded.
        Diagnosis local = ask("192.0.2.10:8080", "192.0.2.10", true);
        assertEquals(Diagnosis.Status.OK, local.status(), local.toString());
    }

    @Test
    void publishedToAContainerThatListensOnItsLoopbackOnly() {
        host.rulesetJson = dnat(8080, "172.17.0.2", 80);
        host.listener("0.0.0.0:8080", PROXY);
        container().listener("127.0.0.1:80", WEB, CONTAINER);
        Diagnosis d = ask("8080");
        assertEquals(List.of(FindingCode.PUBLISHED_TO_LOOPBACK_ONLY), codes(d), d.toString());
        assertEquals(1, host.namespaceReads, "the translation sends the port elsewhere: the namespaces are read");
        Finding f = finding(d, FindingCode.PUBLISHED_TO_LOOPBACK_ONLY);
        assertEquals("tcp port 8080 is published to 172.17.0.2:80 in network namespace pid:812 (container web, docker"
                + " 3f2a1b2c3d4e), but python3 (pid 812) listens there on 127.0.0.1:80 only: it works inside the"
                + " container, and clients from outside are refused", f.summary());
        assertTrue(text(f).contains("the translation comes first: docker-proxy (pid 77) on 0.0.0.0:8080 here does"
                + " not get these packets"), text(f));
        assertTrue(f.fix().startsWith("Make python3 (pid 812) listen on 0.0.0.0 (every IPv4 address) inside network"
                + " namespace pid:812"), f.fix());
        assertTrue(d.verdict().contains("PROBLEM — tcp port 8080 is published to 172.17.0.2:80"), d.verdict());
    }

    @Test
    void publishedToAnAddressItsListenerIsNotBoundTo() {
        host.rulesetJson = dnat(8080, "172.17.0.2", 80);
        container().address("eth1", "10.9.0.2", 24).listener("10.9.0.2:80", WEB, CONTAINER);
        Finding f = finding(ask("8080"), FindingCode.PUBLISHED_TO_WRONG_ADDRESS);
        assertTrue(f.summary().endsWith("but python3 (pid 812) listens there on 10.9.0.2:80, which does not take"
                + " packets for 172.17.0.2"), f.summary());
    }

    @Test
    void publishedToAPortNothingListensOnThere() {
        host.rulesetJson = dnat(8080, "172.17.0.2", 80);
        container().listener("0.0.0.0:8000", WEB, CONTAINER);
        Diagnosis d = ask("8080");
        assertEquals(List.of(FindingCode.PUBLISHED_NOT_LISTENING), codes(d), d.toString());
        Finding f = finding(d, FindingCode.PUBLISHED_NOT_LISTENING);
        assertTrue(f.summary().endsWith("but nothing listens there on tcp port 80"), f.summary());
        assertTrue(text(f).contains("what listens in network namespace pid:812 (container web, docker"
                + " 3f2a1b2c3d4e) instead: 0.0.0.0:8000"), text(f));
        assertTrue(f.fix().endsWith("or change the rule to the port it listens on (8000; Docker: docker run -p"
                + " 8080:8000)."), f.fix());
    }

    @Test
    void publishedToAnAddressOfNoNamespaceIsUndecided() {
        host.rulesetJson = dnat(8080, "172.17.0.9", 80);
        container();
        Diagnosis d = ask("8080");
        assertEquals(List.of(FindingCode.FIREWALL_UNKNOWN), codes(d), d.toString());
        assertEquals(Diagnosis.Status.UNDECIDED, d.status());
        assertTrue(text(finding(d, FindingCode.FIREWALL_UNKNOWN)).contains("none of the 1 other network namespaces"
                + " read has 172.17.0.9"), d.toString());
    }

    @Test
    void aTranslationToThisNamespaceIsJudgedHere() {
        host.rulesetJson = dnat(8080, "192.0.2.10", 9000);
        host.listener("0.0.0.0:9000", APP);
        Diagnosis d = ask("8080");
        assertEquals(List.of(FindingCode.PUBLISHED_TO_NETNS), codes(d), d.toString());
        assertEquals(0, host.namespaceReads, "the rule's address is this namespace's own");
        assertTrue(finding(d, FindingCode.PUBLISHED_TO_NETNS).summary().contains("in this network namespace"));
    }

    @Test
    void withoutTheFirewallOnlyTheListenersCount() {
        host.rulesetJson = dnat(8080, "172.17.0.2", 80);
        container().listener("127.0.0.1:8080", WEB, CONTAINER);
        Diagnosis d = ask("8080", null, false);
        assertEquals(List.of(FindingCode.LISTENING_IN_OTHER_NETNS), codes(d));
    }

    @Test
    void anAuditReadsTheOtherNamespacesOnlyWhenTheFirewallPublishesElsewhere() throws Exception {
        host.listener("0.0.0.0:8080", PROXY);
        host.listener("0.0.0.0:22", APP);
        container().listener("127.0.0.1:80", WEB, CONTAINER);
        Audit plain = host.doctor().audit(new AuditQuery(Transport.TCP, null, true));
        assertEquals(0, host.namespaceReads);
        assertEquals(Diagnosis.Status.OK, plain.status());
        host.rulesetJson = dnat(8080, "172.17.0.2", 80);
        Audit published = host.doctor().audit(new AuditQuery(Transport.TCP, null, true));
        assertEquals(1, host.namespaceReads, "one read for the whole audit");
        assertEquals(List.of("ok", "published-to-loopback-only"),
                published.listeners().stream().map(ListenerAudit::label).toList());
    }
}
