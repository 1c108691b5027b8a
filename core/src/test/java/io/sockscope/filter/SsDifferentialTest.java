package io.sockscope.filter;

import io.sockscope.model.AddressFamily;
import io.sockscope.model.InetEndpoint;
import io.sockscope.model.InetSocket;
import io.sockscope.model.NetlinkSocket;
import io.sockscope.model.PacketSocket;
import io.sockscope.model.SocketTable;
import io.sockscope.model.Timer;
import io.sockscope.model.UnixSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The whole filter — parser, error messages, family switching and userspace evaluation — against the
 * installed ss 6.1. ss is pointed at fixture tables instead of the kernel ({@code TCPDIAG_FILE} replays an
 * inet dump; {@code PROC_NET_UNIX}, {@code PROC_NET_PACKET}, {@code PROC_NET_NETLINK} replace the /proc
 * files), so it filters those sockets in userspace with {@code run_ssfilter}. For each expression, either
 * both refuse it (same stderr, same exit status) or both keep the same sockets.
 */
class SsDifferentialTest {
    private static final String[] INET_HOSTS = {
        "10.0.0.0/8", "10.1.2.3", "10.1.2.3:22", "127.0.0.1", "127.1", "10.8", "22", "0x0a.1.2.3", "010.1.2.3",
        "-0.1.2.3", "1.2.3.4.5", "0.0.0.0/0", "10.1.2.3/0", "[::1]", "[::1]:22", "::1/128", "::/0", "2001:db8::/32",
        "[2001:db8::1]:443", "[::ffff:10.1.2.3]", "::ffff:10.0.0.0/104", "*", "*:22", ":22", "*:ssh", ":http",
        ":www", ":nope", "[::1", "any", "all", "default", "any/8", "10.0.0.0/33", "10.0.0.0/255.255.0.0",
        "10.0.0.0/255.0.255.0", "nosuch.invalid", "inet:10.0.0.0/8", "inet6:[::1]", "unix:/x*", "link:ip",
        "netlink:rtnl", "vsock:1:2", "[fe80::1]:8080", "32.1.0.0/16", "[::1]22", "*80", "10.1.2.3/24:80",
        "2001:db8::1/64:443", "inet:*:22", "10.1.2.3:-1", "1.2.3.4:99999999999",
    };
    private static final String[] PORTS = {":22", "22", ":ssh", "ssh", "http", "www", ":0x16", "[22]", "*", "-1",
        ":70000", "nope", ":", "*:80", ":40000", ":32768", "1023", "0", "[::1]:22"};
    private static final String[] INET_EXTRA = {"dev lo", "dev 1", "dev if2", "dev != lo", "dev nosuchdev",
        "dev 4294967296", "fwmark 0x10/0xff", "fwmark 5", "fwmark x", "fwmark 1/", "fwmark != 0x10/0x10",
        "cgroup /sys/fs/cgroup/unified", "cgroup != /sys/fs/cgroup/unified", "cgroup /nonexistent", "autobound",
        "not autobound"};
    private static final String[] MUTATIONS = {"(", ")", "!", "and", "or", "=", ">", "!=", "dst", "sport", "dev",
        "fwmark", "cgroup", "autobound", "10.0.0.1", ":22", "||", "nosuch"};

    private static MapEnvironment machine;

    @TempDir
    Path dir;

    @BeforeAll
    static void needsInstalledSs61() throws Exception {
        assumeTrue(InstalledSs.isVersion61(), "needs iproute2 ss 6.1 on PATH (the reference implementation)");
        machine = InstalledSs.machineEnvironment();
    }

    /** Expressions: fixed ones, random grammatical ones, and random ones with a token broken. */
    private static List<String> expressions(String[] hosts, String[] ports, String[] extra, String[] fixed,
                                            long seed, int count) {
        List<String> out = new ArrayList<>(List.of(fixed));
        Random random = new Random(seed);
        RandomExpressions gen = new RandomExpressions(random, hosts, ports, extra);
        for (int i = 0; i < count; i++) {
            List<String> words = new ArrayList<>(List.of(gen.expression(1 + random.nextInt(3)).split(" ")));
            if (random.nextInt(4) == 0) {
                int at = random.nextInt(words.size() + 1);
                if (random.nextBoolean() && at < words.size()) {
                    words.remove(at);
                } else {
                    words.add(at, MUTATIONS[random.nextInt(MUTATIONS.length)]);
                }
            }
            out.add(String.join(" ", words).trim());
        }
        return out;
    }

    /**
     * Runs ss and the Java side on one expression and records any difference.
     *
     * @param expectedKept given the parsed filter (or null for none) and its family restriction, the
     *                     identifiers of the sockets ss should list
     * @param shownIds     pulls the identifiers out of ss's output
     */
    private static boolean compare(String expression, Map<String, String> env, List<String> flags,
                                ParseContext context, Function<ParsedFilter, Set<String>> expectedKept,
                                Function<String, Set<String>> shownIds, List<String> differences) throws Exception {
        List<String> args = new ArrayList<>(flags);
        args.add(expression);
        InstalledSs.Result ss = InstalledSs.run(env, args);
        try {
            ParsedFilter parsed = Filters.parse(List.of(expression), context);
            Set<String> expected = expectedKept.apply(parsed);
            Set<String> shown = shownIds.apply(ss.stdout());
            if (ss.exitStatus() != 0 || !ss.stderr().isEmpty() || !expected.equals(shown)) {
                differences.add("'" + expression + "': ss exit " + ss.exitStatus() + " " + ss.stderr().trim()
                        + " showed " + shown + ", we keep " + expected
                        + parsed.expression().map(f -> " " + Filters.describe(f)).orElse(""));
            }
            return true;
        } catch (FilterSyntaxException e) {
            boolean stderrOk = e.ssPrintsUsage()
                    ? ss.stderr().startsWith(e.ssStderr()) && ss.stderr().contains("Usage: ss")
                    : ss.stderr().equals(e.ssStderr());
            if (!stderrOk || ss.exitStatus() != SsExitStatus.of(e) || !ss.stdout().isEmpty()) {
                differences.add("'" + expression + "': ss exit " + ss.exitStatus() + " stderr "
                        + ss.stderr().lines().findFirst().orElse("") + " | we refuse with exit " + SsExitStatus.of(e)
                        + " stderr " + e.ssStderr().trim() + " (" + e.getMessage() + ")");
            }
            return false;
        }
    }

    private static void assertNoDifferences(List<String> differences, int cases, int accepted) {
        assertEquals(List.of(), differences.subList(0, Math.min(15, differences.size())),
                differences.size() + " of " + cases + " expressions differ from ss");
        assertTrue(accepted > cases / 4 && accepted < cases * 9 / 10,
                "both accepted and refused expressions were compared: " + accepted + " of " + cases + " accepted");
    }

    private static byte[] ip(String text) throws Exception {
        byte[] a = InetAddress.getByName(text).getAddress();
        if (text.contains(":") && a.length == 4) {
            byte[] m = new byte[16];
            m[10] = (byte) 0xFF;
            m[11] = (byte) 0xFF;
            System.arraycopy(a, 0, m, 12, 4);
            return m;
        }
        return a;
    }

    private static List<InetSocket> inetSockets() throws Exception {
        String[][] rows = {
            {"10.1.2.3", "22", "10.9.9.9", "40000", "0", "0", "0"},
            {"10.1.2.3", "40001", "192.168.1.5", "443", "1", "16", "1"},
            {"127.0.0.1", "631", "0.0.0.0", "0", "0", "5", "0"},
            {"0.0.0.0", "22", "0.0.0.0", "0", "0", "0", "1"},
            {"32.1.13.184", "80", "10.1.2.3", "33333", "2", "0x10", "0"},
            {"192.168.1.5", "32768", "127.0.0.1", "60999", "0", "0x1f", "1"},
            {"10.0.0.1", "1023", "10.0.0.2", "1024", "4", "7", "0"},
            {"::1", "22", "::1", "50000", "0", "0", "1"},
            {"::", "80", "::", "0", "0", "0", "0"},
            {"2001:db8::1", "443", "2001:db8::2", "40002", "1", "16", "0"},
            {"::ffff:10.1.2.3", "8080", "::ffff:127.0.0.1", "22", "0", "0", "1"},
            {"::ffff:192.168.1.5", "40003", "2001:db8::1", "443", "2", "0x10", "0"},
            {"fe80::1", "8080", "fe80::2", "61000", "3", "5", "1"},
            {"a01:203::1", "22", "::", "0", "0", "0", "0"},
        };
        List<InetSocket> out = new ArrayList<>();
        int inode = 5000;
        for (String[] r : rows) {
            boolean six = r[0].contains(":");
            out.add(new InetSocket(SocketTable.TCP, six ? AddressFamily.INET6 : AddressFamily.INET, 1, 0, 0,
                    new InetEndpoint(ip(r[0]), Integer.parseInt(r[1])), new InetEndpoint(ip(r[2]), Integer.parseInt(r[3])),
                    Integer.parseInt(r[4]), inode++, 0, 0, Timer.OFF, 0, -1, -1, Integer.decode(r[5]),
                    Long.parseLong(r[6]), -1, null, null));
        }
        return out;
    }

    private static Set<String> tokensAfter(String output, String marker) {
        Set<String> ids = new TreeSet<>();
        for (String line : output.split("\n")) {
            int at = line.indexOf(marker);
            if (at >= 0) {
                ids.add(line.substring(at + marker.length()).split("\\s+")[0]);
            }
        }
        return ids;
    }

    /** The sockets a parsed filter keeps, given whether ss still shows this table after family changes. */
    private static <S> Set<String> kept(ParsedFilter p, List<S> sockets, Function<S, FilterSubject> subject,
                                        Function<S, String> id, Set<Integer> familiesShown) {
        Set<String> out = new TreeSet<>();
        OptionalInt restriction = p.familyRestriction();
        if (restriction.isPresent() && !familiesShown.contains(restriction.getAsInt())) {
            return out;
        }
        FilterEvaluator ev = p.expression().map(f -> FilterEvaluator.of(f, new EphemeralPortRange(32768, 60999)))
                .orElse(null);
        for (S s : sockets) {
            if (ev == null || ev.matches(subject.apply(s))) {
                out.add(id.apply(s));
            }
        }
        return out;
    }

    @Test
    void inetSocketsFromADumpFile() throws Exception {
        List<InetSocket> sockets = inetSockets();
        Path dump = dir.resolve("tcpdiag.bin");
        Files.write(dump, SocketFixtures.inetDiagDump(sockets));
        Path range = dir.resolve("ip_local_port_range");
        Files.writeString(range, "32768\t60999\n");
        Map<String, String> env = Map.of("TCPDIAG_FILE", dump.toString(), "PROC_IP_LOCAL_PORT_RANGE",
                range.toString());
        String[] fixed = {"", "dport = :22 or sport = :80", "src 10.0.0.0/8", "src 0.0.0.0/0", "src 32.1.0.0/16",
            "dst 10.1.2.3", "src 10.0.0.0/8 and dport > :1000", "src [::ffff:10.1.2.3]", "src ::ffff:10.0.0.0/104",
            "dev ifb0", "dev eth0 or dev lo", "fwmark 0x10/0x10", "cgroup /sys/fs/cgroup/unified and autobound",
            "sport >= :1024 sport <= :40000", "( sport = :22 )", "dst ::/0", "src 10.1.2.3 unix:x", "src inet6:*",
            "sport = :ssh or sport = :http", "dst 10.1.2.3/255.255.255.0", "src 10.1.2.3/0", "not not autobound",
            "src a01:203::1/16"};
        List<String> cases = expressions(INET_HOSTS, PORTS, INET_EXTRA, fixed, 0xD1FFL, 700);
        ParseContext context = new ParseContext(AddressFamily.UNSPEC, true, false, machine);
        List<String> differences = new ArrayList<>();
        int accepted = 0;
        for (String expression : cases) {
            accepted += compare(expression, env, List.of("-tanHe"), context,
                    p -> kept(p, sockets, FilterSubject::of, s -> Long.toString(s.inode()),
                            Set.of(AddressFamily.INET, AddressFamily.INET6)),
                    out -> tokensAfter(out, "ino:"), differences) ? 1 : 0;
        }
        assertNoDifferences(differences, cases.size(), accepted);
    }

    @Test
    void filterFiles() throws Exception {
        List<InetSocket> sockets = inetSockets();
        Path dump = dir.resolve("tcpdiag.bin");
        Files.write(dump, SocketFixtures.inetDiagDump(sockets));
        String fits = "autobound" + " ".repeat(1012);
        String[] files = {"", "# comment\n", "sport = :22\n", "sport = :22\nor\ndport = :22\n", "0 skipped\nsport = :22",
            "sport = :22\u0000 garbage (\n", "autobound\n\u0000x\n", fits + "\n", fits + " \n", fits + " ", fits + "  ",
            "sport = :22\r\n", "( sport = :22\n\n)\n", "dst 10.0.0.0/8 )\n", "\tsrc\t10.1.2.3\n#x\n\n",
            "src 10.1.2.3\\\n:22\n", "sport = :1 \\\n or dport = :22\n", "\u0000", "\n\n\n", "or\n"};
        ParseContext context = new ParseContext(AddressFamily.UNSPEC, true, false, machine);
        List<String> differences = new ArrayList<>();
        int accepted = 0;
        for (int i = 0; i < files.length; i++) {
            String text = files[i];
            Path file = dir.resolve("filter-" + i);
            Files.write(file, text.getBytes(StandardCharsets.UTF_8));
            InstalledSs.Result ss = InstalledSs.run(Map.of("TCPDIAG_FILE", dump.toString()),
                    List.of("-tanHe", "-F", file.toString()));
            String shownText = text.replace("\n", "\\n").replace("\u0000", "\\0");
            try {
                ParsedFilter p = Filters.parse(List.of(), text, context);
                Set<String> expected = kept(p, sockets, FilterSubject::of, s -> Long.toString(s.inode()),
                        Set.of(AddressFamily.INET, AddressFamily.INET6));
                Set<String> shown = tokensAfter(ss.stdout(), "ino:");
                if (ss.exitStatus() != 0 || !expected.equals(shown)) {
                    differences.add("file '" + shownText + "': ss exit " + ss.exitStatus() + " " + ss.stderr().trim()
                            + " showed " + shown + ", we keep " + expected);
                }
                accepted++;
            } catch (FilterSyntaxException e) {
                boolean stderrOk = e.ssPrintsUsage() ? ss.stderr().startsWith(e.ssStderr()) : ss.stderr().equals(e.ssStderr());
                if (!stderrOk || ss.exitStatus() != SsExitStatus.of(e)) {
                    differences.add("file '" + shownText + "': ss exit " + ss.exitStatus() + " " + ss.stderr().trim()
                            + " | we refuse: exit " + SsExitStatus.of(e) + " " + e.ssStderr().trim());
                }
            }
        }
        assertNoDifferences(differences, files.length, accepted);
    }

    private static UnixSocket unix(SocketTable table, int state, String name, long inode, long peer) {
        byte[] n = name == null ? null : name.startsWith("@")
                ? ("\0" + name.substring(1)).getBytes(StandardCharsets.ISO_8859_1)
                : (name + "\0").getBytes(StandardCharsets.ISO_8859_1);
        return new UnixSocket(table, state, 0, 0, n, inode, peer, null, -1, -1, -1, null, -1, null);
    }

    private static List<UnixSocket> unixSockets() {
        return List.of(
                unix(SocketTable.UNIX_STREAM, 10, "/run/a.sock", 900001, 0),
                unix(SocketTable.UNIX_STREAM, 1, "/run/B.sock", 900002, 900009),
                unix(SocketTable.UNIX_DGRAM, 7, "@abcde", 900003, 0),
                unix(SocketTable.UNIX_DGRAM, 7, "@ABCDE", 900004, 0),
                unix(SocketTable.UNIX_STREAM, 1, "@foo\0bar", 900005, 900001),
                unix(SocketTable.UNIX_SEQPACKET, 1, null, 900006, 900001),
                unix(SocketTable.UNIX_STREAM, 1, "/tmp/x y", 900007, 0),
                unix(SocketTable.UNIX_STREAM, 1, "/run/[w]*", 900008, 900002),
                unix(SocketTable.UNIX_STREAM, 1, null, 900009, 900002),
                unix(SocketTable.UNIX_DGRAM, 7, "relative", 900010, 900003));
    }

    /**
     * What ss keeps from {@code /proc/net/unix}: it reads the lines in order, and a socket's peer name is
     * found only among the sockets already kept ("?" when absent, "*" when nameless); in the old format
     * there are no peers at all.
     */
    private static Set<String> keptUnix(ParsedFilter p, List<UnixSocket> sockets, boolean peerColumn) {
        Set<String> out = new TreeSet<>();
        if (p.familyRestriction().isPresent() && p.familyRestriction().getAsInt() != AddressFamily.UNIX) {
            return out;
        }
        FilterEvaluator ev = p.expression().map(f -> FilterEvaluator.of(f, EphemeralPortRange.FALLBACK)).orElse(null);
        List<UnixSocket> kept = new ArrayList<>();
        for (UnixSocket s : sockets) {
            byte[] peerName = null;
            if (peerColumn && s.peerInode() != 0) {
                peerName = "?".getBytes();
                for (UnixSocket k : kept) {
                    if (k.inode() == s.peerInode()) {
                        byte[] shown = FilterSubject.ofProcUnix(k).local();
                        peerName = shown == null ? "*".getBytes() : shown;
                    }
                }
            }
            UnixSocket withPeer = new UnixSocket(s.table(), s.state(), 0, 0, s.name(), s.inode(), s.peerInode(),
                    peerName, -1, -1, -1, null, -1, null);
            if (ev == null || ev.matches(FilterSubject.ofProcUnix(withPeer))) {
                kept.add(s);
                out.add(Long.toString(s.inode()));
            }
        }
        return out;
    }

    private static Set<String> knownIds(String output, List<String> ids) {
        Set<String> out = new TreeSet<>();
        for (String token : output.split("\\s+")) {
            if (ids.contains(token)) {
                out.add(token);
            }
        }
        return out;
    }

    /** The local inode of each {@code ss -xaH} line: Netid State Recv-Q Send-Q NAME INODE PEER PEER-INODE. */
    private static Set<String> unixLocalInodes(String output) {
        Set<String> ids = new TreeSet<>();
        for (String line : output.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 6) {
                ids.add(f[5]);
            }
        }
        return ids;
    }

    @Test
    void unixSocketsFromProcNetUnix() throws Exception {
        List<UnixSocket> sockets = unixSockets();
        String[] hosts = {"/run/*", "/RUN/A.SOCK", "@*", "@abcde", "*", "/run/?.sock", "/run/[ab].sock",
            "/run/[!a]*", "@foo@bar", "/tmp/x", "/tmp/x*", "\\\\*", "/run/\\[w]\\*", "[[:upper:]]*", "*[[:digit:]]",
            "relative", "unix:*", "inet:10.0.0.1", "?", "[", "*b*", "/run/[A-Z]*", "*[.s.]ock", "[[=r=]]*"};
        String[] ports = {":22", "*", "@*", "/run/*", "[z]", "unix:/run/a.sock"};
        String[] extra = {"autobound", "not autobound", "dev lo", "fwmark 0", "fwmark 1", "dst *", "dst ?", "dst /run/*"};
        String[] fixed = {"", "src /run/*", "src unix:/run/a.sock", "autobound", "dst ?", "src @abcde or dst *",
            "sport = :22", "src 10.0.0.1", "src /tmp/x\\ y"};
        List<String> cases = expressions(hosts, ports, extra, fixed, 0x0417L, 300);
        ParseContext context = new ParseContext(AddressFamily.UNIX, false, false, machine);
        for (boolean peerColumn : new boolean[] {false, true}) {
            Path file = dir.resolve(peerColumn ? "unix-peers" : "unix");
            Files.writeString(file, SocketFixtures.procNetUnix(sockets, peerColumn), StandardCharsets.ISO_8859_1);
            List<String> differences = new ArrayList<>();
            int accepted = 0;
            for (String expression : cases) {
                accepted += compare(expression, Map.of("PROC_NET_UNIX", file.toString()), List.of("-xaH"), context,
                        p -> keptUnix(p, sockets, peerColumn), SsDifferentialTest::unixLocalInodes, differences)
                        ? 1 : 0;
            }
            assertNoDifferences(differences, cases.size(), accepted);
        }
    }

    @Test
    void packetSocketsFromProcNetPacket() throws Exception {
        List<PacketSocket> sockets = List.of(
                new PacketSocket(SocketTable.PACKET_RAW, 0x0003, 1, 0, 700001, 0, 0, null),
                new PacketSocket(SocketTable.PACKET_DGRAM, 0x0800, 2, 0, 700002, 0, 0, null),
                new PacketSocket(SocketTable.PACKET_RAW, 0x0000, 0, 0, 700003, 0, 0, null),
                new PacketSocket(SocketTable.PACKET_RAW, 0x86dd, 4, 0, 700004, 0, 0, null),
                new PacketSocket(SocketTable.PACKET_DGRAM, 0x88cc, 0, 0, 700005, 0, 0, null));
        Path file = dir.resolve("packet");
        Files.writeString(file, SocketFixtures.procNetPacket(sockets));
        String[] hosts = {"ip", "all", "*", "ip:lo", "*:lo", "0x88cc", ":2", "ipv6:*", "nosuchproto", "lo", "IP",
            "0", ":if4", ":0", "ip:", "802.1Q", "link:ip", "unix:x", "3:1", ":-1", "ipv4:eth0"};
        String[] ports = {":1", "lo", "if2", "*", ":0", "eth0", "nope", "-1"};
        String[] extra = {"autobound", "dev lo", "dev 2", "fwmark 0"};
        List<String> cases = expressions(hosts, ports, extra, new String[] {"", "src ip", "autobound", "sport = :lo"},
                0x9AC4L, 250);
        ParseContext context = new ParseContext(AddressFamily.PACKET, false, false, machine);
        List<String> differences = new ArrayList<>();
        int accepted = 0;
        for (String expression : cases) {
            accepted += compare(expression, Map.of("PROC_NET_PACKET", file.toString()), List.of("-0aHe"), context,
                    p -> kept(p, sockets, FilterSubject::of, s -> Long.toString(s.inode()), Set.of(AddressFamily.PACKET)),
                    out -> tokensAfter(out, "ino:"), differences) ? 1 : 0;
        }
        assertNoDifferences(differences, cases.size(), accepted);
    }

    @Test
    void netlinkSocketsFromProcNetNetlink() throws Exception {
        List<NetlinkSocket> sockets = List.of(
                new NetlinkSocket(0, 0, 0, false, 0, 0, 0, 0, 0, 0, 1, false, null),
                new NetlinkSocket(0, 1234, 1, false, 0, 0, 0, 0, 0, 0, 2, false, null),
                new NetlinkSocket(4, -1, 0, false, 0, 0, 0, 0, 0, 0, 3, false, null),
                new NetlinkSocket(16, 77, 0, false, 0, 0, 0, 0, 0, 0, 4, false, null),
                new NetlinkSocket(9, -5, 0, false, 0, 0, 0, 0, 0, 0, 5, false, null));
        Path file = dir.resolve("netlink");
        Files.writeString(file, SocketFixtures.procNetNetlink(sockets));
        String[] hosts = {"rtnl", "rtnl:kernel", "0:1234", "tcpdiag", "*:*", "4", "999", "genl:*", "audit:-5",
            ":77", "nope", "0x10", "*:kernel", ":x", "netlink:rtnl", "link:ip", "255:0"};
        String[] ports = {":0", ":1234", "kernel", "*", ":-1", "77", "x"};
        String[] extra = {"autobound", "dev lo", "fwmark 0"};
        List<String> cases = expressions(hosts, ports, extra, new String[] {"", "src rtnl:kernel", "autobound"},
                0x7E7L, 250);
        ParseContext context = new ParseContext(AddressFamily.NETLINK, false, false, machine);
        List<String> differences = new ArrayList<>();
        Function<NetlinkSocket, String> id = s -> s.protocol() + ":" + (s.portid() == -1 ? "*" : s.portid());
        int accepted = 0;
        for (String expression : cases) {
            accepted += compare(expression, Map.of("PROC_NET_NETLINK", file.toString()), List.of("-f", "netlink", "-aHn"),
                    context, p -> kept(p, sockets, FilterSubject::of, id, Set.of(AddressFamily.NETLINK)),
                    out -> knownIds(out, sockets.stream().map(id).toList()), differences) ? 1 : 0;
        }
        assertNoDifferences(differences, cases.size(), accepted);
    }
}
