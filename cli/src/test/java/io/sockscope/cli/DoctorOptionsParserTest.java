package io.sockscope.cli;

import io.sockscope.diagnose.AuditQuery;
import io.sockscope.diagnose.InetTarget;
import io.sockscope.diagnose.Transport;
import io.sockscope.diagnose.UnixTarget;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DoctorOptionsParserTest {
    private static DoctorOptions parse(String... args) {
        try {
            return DoctorOptionsParser.parse(args);
        } catch (DoctorUsageException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    private static String refusal(String... args) {
        return assertThrows(DoctorUsageException.class, () -> DoctorOptionsParser.parse(args)).getMessage();
    }

    @Test
    void targetForms() {
        assertEquals(new InetTarget(Transport.TCP, null, 8080), parse("8080").reach().target());
        assertEquals(new InetTarget(Transport.TCP, InetAddress.ofLiteral("10.0.0.1"), 80),
                parse("10.0.0.1:80").reach().target());
        assertEquals(new InetTarget(Transport.UDP, InetAddress.ofLiteral("fd00::1"), 53),
                parse("[fd00::1]:53", "--udp").reach().target());
        assertEquals(new UnixTarget("/run/x.sock"), parse("unix:/run/x.sock").reach().target());
        assertEquals(new UnixTarget("@abstract"), parse("unix:@abstract").reach().target());
    }

    @Test
    void optionsBeforeOrAfterAndWithEquals() {
        DoctorOptions o = parse("--json", "--from=10.0.0.2", "8080");
        assertTrue(o.json());
        assertEquals(InetAddress.ofLiteral("10.0.0.2"), o.reach().from());
        assertEquals(InetAddress.ofLiteral("fd00::2"), parse("8080", "--from", "fd00::2").reach().from());
        assertEquals("nobody", parse("unix:/x", "--user", "nobody").reach().user());
        assertTrue(parse("--help").help());
        assertTrue(parse("8080", "-h").help());
        assertEquals(new UnixTarget("-odd"), parse("--", "unix:-odd").reach().target());
    }

    @Test
    void noFirewallLeavesTheFirewallOutOfAPortsQuestion() {
        assertTrue(parse("8080").reach().examineFirewall());
        assertEquals(false, parse("8080", "--no-firewall").reach().examineFirewall());
        assertEquals("--no-firewall does not apply to doctor bind", refusal("bind", "80", "--no-firewall"));
        assertEquals("--no-firewall applies to IP targets, not to unix sockets", refusal("unix:/x", "--no-firewall"));
        assertEquals("--no-firewall takes no value", refusal("8080", "--no-firewall=1"));
    }

    @Test
    void namespaceInEveryFormTheListingTakes() {
        assertNull(parse("8080").namespace());
        assertEquals("web", parse("-N", "web", "8080").namespace());
        assertEquals("web", parse("8080", "-Nweb").namespace());
        assertEquals("web", parse("--net", "web", "8080").namespace());
        assertEquals("web", parse("--net=web", "unix:/x").namespace());
        assertEquals("web", parse("bind", "80", "-N", "web").namespace());
        assertEquals("-N needs a value", refusal("8080", "-N"));
    }

    @Test
    void allAuditsEveryListener() {
        DoctorOptions o = parse("--all");
        assertNull(o.reach());
        assertNull(o.bind());
        assertEquals(new AuditQuery(Transport.TCP, null, true), o.audit());
        assertEquals(new AuditQuery(Transport.UDP, InetAddress.ofLiteral("10.0.0.2"), false),
                parse("--all", "--udp", "--from", "10.0.0.2", "--no-firewall", "--json", "-N", "web").audit());
        assertEquals("web", parse("--all", "-Nweb").namespace());
        assertEquals("--all examines every listener: give no TARGET (unexpected 8080)", refusal("--all", "8080"));
        assertEquals("--all examines every listener: give no TARGET (unexpected bind)", refusal("bind", "80", "--all"));
        assertEquals("--user does not apply to --all", refusal("--all", "--user", "nobody"));
        assertTrue(refusal("--all", "--from", "host").contains("does not resolve names"));
        assertEquals("--all takes no value", refusal("--all=yes"));
    }

    @Test
    void bind() {
        DoctorOptions o = parse("bind", "80", "--user", "www-data");
        assertNull(o.reach());
        assertEquals(80, o.bind().port());
        assertEquals("www-data", o.bind().user());
        assertEquals(InetAddress.ofLiteral("127.0.0.1"), parse("bind", "127.0.0.1:8080").bind().address());
        assertEquals(Transport.UDP, parse("bind", "--udp", "53").bind().transport());
    }

    @Test
    void usageErrors() {
        assertTrue(refusal().startsWith("what should the doctor examine?"));
        assertEquals("unknown option --frm", refusal("8080", "--frm", "x"));
        assertEquals("--from needs a value", refusal("8080", "--from"));
        assertEquals("not a target: http (write PORT, ADDRESS:PORT, [IPV6]:PORT or unix:PATH)", refusal("http"));
        assertEquals("not a port number: http", refusal("10.0.0.1:http"));
        assertEquals("port out of range (1-65535): 70000", refusal("70000"));
        assertEquals("port out of range (1-65535): 0", refusal("0"));
        assertTrue(refusal("db.example.com:5432").contains("does not resolve names"));
        assertTrue(refusal("8080", "--from", "host").contains("does not resolve names"));
        assertEquals("not an IPv6 address: ::g", refusal("[::g]:80"));
        assertTrue(refusal("[10.0.0.1]:80").startsWith("only IPv6 addresses go in brackets"));
        assertTrue(refusal("fd00::1:80").startsWith("not a target"));
        assertEquals("one TARGET at a time; unexpected 81", refusal("80", "81"));
        assertEquals("doctor bind takes one [ADDRESS:]PORT", refusal("bind"));
        assertEquals("--from does not apply to doctor bind", refusal("bind", "80", "--from", "10.0.0.1"));
        assertEquals("doctor bind takes a port, not a unix socket", refusal("bind", "unix:/x"));
        assertTrue(refusal("[fd00::1]:80", "--from", "10.0.0.2").contains("different address families"));
        assertTrue(refusal("8080", "--user", "x").contains("--user applies to unix sockets"));
        assertEquals("--json takes no value", refusal("8080", "--json=yes"));
        assertTrue(refusal("unix:").startsWith("unix: needs a path"));
        assertEquals("not a numeric IP address: 1.2.3.256 (the doctor does not resolve names)",
                refusal("1.2.3.256:80"));
    }
}
