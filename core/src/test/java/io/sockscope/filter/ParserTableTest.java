package io.sockscope.filter;

import io.sockscope.model.AddressFamily;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Expressions and the trees ss 6.1 builds for them (read from ss's grammar and parse_hostcond). */
class ParserTableTest {

    static MapEnvironment environment() throws UnknownHostException {
        return new MapEnvironment()
                .iface("lo", 1).iface("eth0", 2)
                .service("ssh", "tcp", 22).service("http", "tcp", 80)
                .service("domain", "tcp", 53).service("domain", "udp", 53)
                .service("dual", "tcp", 100).service("dual", "udp", 200)
                .host("gw", AddressFamily.INET, ip("10.0.0.1"))
                .host("dual", AddressFamily.INET, ip("192.0.2.1"))
                .host("dual", AddressFamily.INET6, ip("2001:db8::1"))
                .host("multi", AddressFamily.INET, ip("1.1.1.1")).host("multi", AddressFamily.INET, ip("2.2.2.2"))
                .host("multi", AddressFamily.INET6, ip("::a")).host("multi", AddressFamily.INET6, ip("::b"))
                .cgroup("/sys/fs/cgroup/x", 1234)
                .rpc("rpc.nfs", "tcp", 2049);
    }

    static byte[] ip(String text) throws UnknownHostException {
        return InetAddress.getByName(text).getAddress();
    }

    static ParsedFilter parse(String... words) throws Exception {
        return Filters.parse(List.of(words), ParseContext.defaults(environment()));
    }

    private static final String V6_LOOPBACK = "[0:0:0:0:0:0:0:1]/128";

    /** {words joined by '¦', expected tree, expected family restriction or ""}. */
    private static final String[][] TABLE = {
        {"dport = :22", "(dst *:22)", ""},
        {"dport¦=¦:22", "(dst *:22)", ""},
        {"( dport = :22 )", "(dst *:22)", ""},
        {"(¦dport¦=¦:22¦)", "(dst *:22)", ""},
        {"dport\t=\t:22", "(dst *:22)", ""},
        {"sport :22", "(src *:22)", ""},
        {"sport == 22", "(src *:22)", ""},
        {"sport eq :ssh", "(src *:22)", ""},
        {"sport = :domain", "(src *:53)", ""},
        {"sport = :rpc.nfs", "(src *:2049)", ""},
        {"dport != :22", "(not (dst *:22))", ""},
        {"dport ne :22", "(not (dst *:22))", ""},
        {"dport neq :22", "(not (dst *:22))", ""},
        {"dport > :1024", "(not (dport<= *:1024))", ""},
        {"dport gt :1024", "(not (dport<= *:1024))", ""},
        {"dport < :1024", "(not (dport>= *:1024))", ""},
        {"dport lt 0x400", "(not (dport>= *:1024))", ""},
        {"sport >= 1024", "(sport>= *:1024)", ""},
        {"sport geq 02000", "(sport>= *:1024)", ""},
        {"sport le ssh", "(sport<= *:22)", ""},
        {"sport leq :*", "(sport<= *:*)", ""},
        {"sport = *", "(src *:*)", ""},
        {"sport = :-1", "(src *:*)", ""},
        {"sport = [22]", "(src *:22)", ""},
        {"sport = [:22]", "(src *:22)", ""},
        {"src 10.0.0.0/8", "(src 10.0.0.0/8:*)", ""},
        {"src 10.0.0.0/255.255.0.0", "(src 10.0.0.0/16:*)", ""},
        {"src 1.2.3.4/any", "(src 1.2.3.4/0:*)", ""},
        {"src 1.2.3.4/4294967328", "(src 1.2.3.4/32:*)", ""},
        {"dst 10.8", "(dst 10.8.0.0/32:*)", ""},
        {"dst 22", "(dst 22.0.0.0/32:*)", ""},
        {"dst 0x7f.1", "(dst 127.1.0.0/32:*)", ""},
        {"dst 010.0.0.1", "(dst 8.0.0.1/32:*)", ""},
        {"dst -0.1.2.3", "(dst 0.1.2.3/32:*)", ""},
        {"dst 192.168.1.7/24:443", "(dst 192.168.1.7/24:443)", ""},
        {"src 127.0.0.1:ssh", "(src 127.0.0.1/32:22)", ""},
        {"src [::1]:22", "(src " + V6_LOOPBACK + ":22)", ""},
        {"src [::1]22", "(src " + V6_LOOPBACK + ":22)", ""},
        {"src [::1]", "(src " + V6_LOOPBACK + ":*)", ""},
        {"src ::1/128", "(src " + V6_LOOPBACK + ":*)", ""},
        {"src ::/0", "(src [0:0:0:0:0:0:0:0]/0:*)", ""},
        {"dst 2001:db8::/32:80", "(dst [2001:db8:0:0:0:0:0:0]/32:80)", ""},
        {"src [::ffff:1.2.3.4]", "(src [0:0:0:0:0:ffff:102:304]/128:*)", ""},
        {"src *", "(src *:*)", ""},
        {"src *:80", "(src *:80)", ""},
        {"src *80", "(src *:80)", ""},
        {"src :80", "(src *:80)", ""},
        {"src any", "(src any/0:*)", ""},
        {"src default", "(src any/0:*)", ""},
        {"src gw", "(src 10.0.0.1/32:*)", ""},
        {"src dual", "(src 192.0.2.1/32,[2001:db8:0:0:0:0:0:1]/128:*)", ""},
        {"src multi:80", "(src 1.1.1.1/32,[0:0:0:0:0:0:0:b]/128,[0:0:0:0:0:0:0:a]/128,2.2.2.2/32:80)", ""},
        {"src inet:gw", "(src 10.0.0.1/32:*)", "2"},
        {"src inet6:dual", "(src [2001:db8:0:0:0:0:0:1]/128:*)", "10"},
        {"src inet:*:22", "(src *:22)", "2"},
        {"src inet6:[::1]", "(src " + V6_LOOPBACK + ":*)", "10"},
        {"src unix:/run/*.sock", "(src unix:/run/*.sock)", "1"},
        {"dst unix:", "(dst unix:)", "1"},
        {"src unix:/a or src /b", "(or (src unix:/a) (src unix:/b))", "1"},
        {"sport = unix:x", "(src unix:x)", "1"},
        {"src inet:1.2.3.4 src unix:@x", "(and (src 1.2.3.4/32:*) (src unix:@x))", "1"},
        {"src unix:x src inet:1.2.3.4", "(and (src unix:x) (src 1.2.3.4/32:*))", "2"},
        {"src link:ip:eth0", "(src link:2048:2)", "17"},
        {"src link:IPv6", "(src link:34525:*)", "17"},
        {"src link:0x88cc:*", "(src link:35020:*)", "17"},
        {"src link:*:if9", "(src link:*:9)", "17"},
        {"src link:all:3", "(src link:3:3)", "17"},
        {"sport = link:eth0", "(src link:*:2)", "17"},
        {"src netlink:rtnl:kernel", "(src netlink:0:0)", "16"},
        {"src netlink:tcpdiag", "(src netlink:4:*)", "16"},
        {"src netlink:255:-1", "(src netlink:255:*)", "16"},
        {"dst netlink:*:1234", "(dst netlink:*:1234)", "16"},
        {"src vsock:3:1234", "(src vsock:3:1234)", "40"},
        {"src vsock:*", "(src vsock:*:*)", "40"},
        {"src vsock:2:4294967295", "(src vsock:2:*)", "40"},
        {"autobound", "autobound", ""},
        {"not autobound", "(not autobound)", ""},
        {"! ! autobound", "(not (not autobound))", ""},
        {"!¦autobound", "(not autobound)", ""},
        {"dev lo", "(dev 1)", ""},
        {"dev = eth0", "(dev 2)", ""},
        {"dev != eth0", "(not (dev 2))", ""},
        {"dev if7", "(dev 7)", ""},
        {"dev 0x10", "(dev 16)", ""},
        {"dev 4294967295", "(dev 4294967295)", ""},
        {"fwmark 0x10/0xff", "(fwmark 0x10/0xff)", ""},
        {"fwmark 5", "(fwmark 0x5/0xffffffff)", ""},
        {"fwmark -1", "(fwmark 0xffffffff/0xffffffff)", ""},
        {"fwmark 1/2junk", "(fwmark 0x1/0x2)", ""},
        {"fwmark != 010", "(not (fwmark 0x8/0xffffffff))", ""},
        {"cgroup /sys/fs/cgroup/x", "(cgroup 1234)", ""},
        {"cgroup != /sys/fs/cgroup/x", "(not (cgroup 1234))", ""},
        {"sport = :1 sport = :2 or sport = :3", "(or (and (src *:1) (src *:2)) (src *:3))", ""},
        {"sport = :1 or sport = :2 sport = :3", "(and (or (src *:1) (src *:2)) (src *:3))", ""},
        {"sport = :1 | sport = :2 & sport = :3", "(and (or (src *:1) (src *:2)) (src *:3))", ""},
        {"sport = :1 && sport = :2 || sport = :3", "(or (and (src *:1) (src *:2)) (src *:3))", ""},
        {"sport = :1 or ( sport = :2 and sport = :3 )", "(or (src *:1) (and (src *:2) (src *:3)))", ""},
        {"! sport = :1 and sport = :2", "(and (not (src *:1)) (src *:2))", ""},
        {"! ( sport = :1 sport = :2 )", "(not (and (src *:1) (src *:2)))", ""},
        {"not ( autobound ) or ( ( dev lo ) )", "(or (not autobound) (dev 1))", ""},
        {"src g\\w", "(src 10.0.0.1/32:*)", ""},
        {"src gw\\", "(src 10.0.0.1/32:*)", ""},
        {"src¦gw\\", "(src 10.0.0.1/32:*)", ""},
        {"\\autobound", "autobound", ""},
        {"src unix:a\\ b", "(src unix:a b)", "1"},
        {"src unix:a\\\\b", "(src unix:a\\b)", "1"},
    };

    @TestFactory
    Stream<DynamicTest> table() {
        return Stream.of(TABLE).map(row -> DynamicTest.dynamicTest(row[0], () -> {
            ParsedFilter p = parse(row[0].split("¦", -1));
            assertEquals(row[1], Filters.describe(p.expression().orElseThrow()));
            OptionalInt expected = row[2].isEmpty() ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(row[2]));
            assertEquals(expected, p.familyRestriction());
        }));
    }

    @Test
    void noTokensMeansNoFilter() throws Exception {
        assertTrue(parse().expression().isEmpty());
        assertTrue(parse("").expression().isEmpty());
        assertTrue(parse("  \t ", "").expression().isEmpty());
        assertTrue(Filters.parse(List.of(), "# only a comment\n\n0 and a line starting with zero\n",
                ParseContext.defaults(environment())).expression().isEmpty());
    }

    @Test
    void aLoneBackslashIsAnEmptyTokenWhichReadsAsAnyAddress() throws Exception {
        // get_token_from_line returns "" for a word that is just a backslash, and parse_hostcond("")
        // accepts it: no address, no port.
        assertEquals("(src *:*)", Filters.describe(parse("src", "\\").expression().orElseThrow()));
    }

    @Test
    void preferredFamilyDecidesHowPlainWordsRead() throws Exception {
        MapEnvironment env = environment();
        ParsedFilter inet6 = Filters.parse(List.of("src any"), new ParseContext(AddressFamily.INET6, true, true, env));
        assertEquals("(src any(10)/0:*)", Filters.describe(inet6.expression().orElseThrow()));
        assertEquals(OptionalInt.of(AddressFamily.INET6), inet6.familyRestriction());

        ParsedFilter packet = Filters.parse(List.of("src ip"), new ParseContext(AddressFamily.PACKET, true, true, env));
        assertEquals("(src link:2048:*)", Filters.describe(packet.expression().orElseThrow()));

        ParsedFilter unix = Filters.parse(List.of("src 1.2.3.4"), new ParseContext(AddressFamily.UNIX, true, true, env));
        assertEquals("(src unix:1.2.3.4)", Filters.describe(unix.expression().orElseThrow()));

        ParsedFilter dns = Filters.parse(List.of("src dual"), new ParseContext(AddressFamily.INET6, true, true, env));
        assertEquals("(src [2001:db8:0:0:0:0:0:1]/128:*)", Filters.describe(dns.expression().orElseThrow()));
    }

    @Test
    void serviceNamesAreLookedUpOnlyForTheSelectedTables() throws Exception {
        MapEnvironment env = environment();
        ParsedFilter tcp = Filters.parse(List.of("sport = :dual"), new ParseContext(0, true, false, env));
        assertEquals("(src *:100)", Filters.describe(tcp.expression().orElseThrow()));
        ParsedFilter udp = Filters.parse(List.of("sport = :dual"), new ParseContext(0, false, true, env));
        assertEquals("(src *:200)", Filters.describe(udp.expression().orElseThrow()));
        assertThrows(FilterSyntaxException.class,
                () -> Filters.parse(List.of("sport = :ssh"), new ParseContext(0, false, false, env)));
    }

    @Test
    void numericWordsNeverReachTheResolvers() throws Exception {
        MapEnvironment env = environment();
        Filters.parse(List.of("src 10.0.0.1:22 or dst [::1]:80 or sport >= 1024 or dev 3 or fwmark 1"),
                ParseContext.defaults(env));
        assertEquals(List.of(), env.questions.stream().filter(q -> !q.startsWith("iface")).toList());
        assertEquals(List.of("iface 3"), env.questions, "ss asks the link cache before reading a number");
    }

    @Test
    void cgroupSupportIsCheckedWhenTheNodeIsBuiltNotBefore() throws Exception {
        MapEnvironment env = environment().cgroupSupported(false);
        FilterSyntaxException e = assertThrows(FilterSyntaxException.class,
                () -> Filters.parse(List.of("cgroup /sys/fs/cgroup/x dst nosuch:x"), ParseContext.defaults(env)));
        assertEquals("It looks like such filter is not supported! Too old kernel?\n", e.ssStderr());
        assertEquals(255, SsExitStatus.of(e));
        assertEquals(1, e.column());
        assertEquals(List.of("cgroup /sys/fs/cgroup/x", "cgroup-support"), env.questions);
        assertFalse(e.ssPrintsUsage());
    }

    @Test
    void treesAreValues() throws Exception {
        assertEquals(parse("src gw:22 or dst [::1]").expression(), parse("src", "gw:22", "or", "dst", "[::1]").expression());
        List<Filter> seen = new ArrayList<>();
        for (String s : new String[] {"src dual", "src multi", "dev lo", "fwmark 1/1", "autobound"}) {
            Filter f = parse(s).expression().orElseThrow();
            assertFalse(seen.contains(f));
            seen.add(f);
        }
    }
}
