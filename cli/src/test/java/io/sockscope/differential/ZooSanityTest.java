package io.sockscope.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The zoo holds what the differential tests rely on, as seen by the installed {@code ss} itself: every TCP
 * state, queues that are not empty, listeners on every kind of address, UDP, unix, raw, packet and netlink
 * sockets, several owning processes and a descriptor shared by two; it holds still; and closing it leaves
 * nothing behind.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ZooSanityTest {

    private final CommandRunner runner = new CommandRunner();
    private SocketZoo zoo;

    /** One row of ss output split on blanks, with -H (no header). */
    private record Row(List<String> fields) {
        String field(int i) {
            return i < fields.size() ? fields.get(i) : "";
        }

        boolean has(String token) {
            return fields.contains(token);
        }

        int number(int i) {
            return Integer.parseInt(field(i));
        }
    }

    @BeforeAll
    void startZoo() throws IOException, InterruptedException {
        ZooPreconditions.assumeZooCanRun();
        zoo = SocketZoo.start(runner);
    }

    @AfterAll
    void stopZooAndCheckNothingIsLeft() throws IOException, InterruptedException {
        if (zoo == null) {
            return;
        }
        zoo.close();
        assertEquals(List.of(), zoo.leftovers(), "closing the zoo must remove everything it made");
    }

    @Test
    void tcpHasEveryStateTheTestsNeed() throws IOException, InterruptedException {
        List<Row> rows = ss("-tanH");
        Set<String> states = rows.stream().map(r -> r.field(0)).collect(Collectors.toSet());
        assertTrue(states.containsAll(Set.of("LISTEN", "ESTAB", "TIME-WAIT", "CLOSE-WAIT", "FIN-WAIT-2", "SYN-SENT")),
                "states seen: " + states);
        assertSome(rows, r -> r.field(0).equals("TIME-WAIT") && r.field(3).startsWith("[::1]:"), "a v6 TIME-WAIT");
        assertSome(rows, r -> r.field(0).equals("SYN-SENT") && r.field(4).equals(ZooNetwork.BLACKHOLE_ADDRESS + ":443"),
                "SYN-SENT towards the black hole");
    }

    @Test
    void tcpQueuesAreNotAllEmpty() throws IOException, InterruptedException {
        List<Row> rows = ss("-tanH");
        assertSome(rows, r -> r.field(0).equals("ESTAB") && r.number(1) > 0, "ESTAB with Recv-Q > 0");
        assertSome(rows, r -> r.field(0).equals("ESTAB") && r.number(2) > 0, "ESTAB with Send-Q > 0");
        assertSome(rows, r -> r.field(0).equals("LISTEN") && r.field(3).equals("127.0.0.1:9000")
                && r.number(1) == 3 && r.number(2) == 4, "a listen queue of 3 with backlog 4");
        assertSome(rows, r -> r.field(0).equals("ESTAB") && r.field(4).equals(ZooNetwork.SINK_ADDRESS + ":5432")
                && r.number(1) == 100, "100 unread bytes from the sink over the veth");
        assertSome(rows, r -> r.field(3).equals("[::ffff:127.0.0.1]:443"), "a v4 client of a dual-stack listener");
    }

    @Test
    void listenersCoverEveryKindOfAddress() throws IOException, InterruptedException {
        Set<String> local = ss("-tlnH").stream().map(r -> r.field(3)).collect(Collectors.toSet());
        for (String expected : List.of("0.0.0.0:22", "0.0.0.0:80", "127.0.0.1:5432", "*:443", "[::1]:6379",
                "[::]:8080", ZooNetwork.ZOO_ADDRESS + ":3306", "0.0.0.0%" + ZooNetwork.ZOO_DEVICE + ":25",
                "127.0.0.1:57000", "[::1]:61000")) {
            assertTrue(local.contains(expected), expected + " missing from " + local);
        }
        Set<String> named = ss("-tlH").stream().map(r -> r.field(3)).collect(Collectors.toSet());
        for (String expected : List.of("0.0.0.0:ssh", "0.0.0.0:http", "*:https", "127.0.0.1:postgresql",
                "[::1]:redis", "[::]:http-alt", "127.0.0.1:57000")) {
            assertTrue(named.contains(expected), expected + " missing from " + named);
        }
    }

    @Test
    void udpIsBoundConnectedAndQueued() throws IOException, InterruptedException {
        List<Row> rows = ss("-uanH");
        assertSome(rows, r -> r.field(0).equals("UNCONN") && r.field(3).equals("127.0.0.1:123") && r.number(1) > 0,
                "datagrams queued at 127.0.0.1:123");
        assertSome(rows, r -> r.field(0).equals("ESTAB") && r.field(4).equals("127.0.0.1:123"), "a connected sender");
        assertSome(rows, r -> r.field(4).equals(ZooNetwork.SINK_ADDRESS + ":53"), "UDP connected over the veth");
        assertSome(rows, r -> r.field(3).equals("[::]:161"), "v6-only UDP");
        assertSome(rows, r -> r.field(3).equals("*:5353"), "dual-stack UDP");
        assertSome(rows, r -> r.field(3).equals("0.0.0.0%" + ZooNetwork.ZOO_DEVICE + ":67"), "device-bound UDP");
    }

    @Test
    void unixHasEveryTypeAndAddressKind() throws IOException, InterruptedException {
        List<Row> rows = ss("-xanH");
        String dir = zoo.unixDirectory().toString();
        assertSome(rows, r -> r.field(0).equals("u_str") && r.field(1).equals("LISTEN")
                && r.field(4).equals(dir + "/stream.sock") && r.number(2) == 1, "a path listener with a pending client");
        assertSome(rows, r -> r.field(0).equals("u_str") && r.field(4).equals("@" + zoo.namespace() + "-stream"),
                "an abstract stream socket");
        assertSome(rows, r -> r.field(0).equals("u_dgr") && r.field(4).equals(dir + "/dgram.sock") && r.number(2) > 0,
                "a datagram socket with queued datagrams");
        assertSome(rows, r -> r.field(0).equals("u_seq") && r.field(1).equals("LISTEN"), "a seqpacket listener");
        assertSome(rows, r -> r.field(0).equals("u_str") && r.field(1).equals("ESTAB") && r.field(4).equals("*")
                && r.number(2) > 0, "an unnamed (socketpair) end with unread bytes");
        assertSome(rows, r -> r.field(1).equals("UNCONN") && r.field(4).equals("*"), "an unbound unix socket");
    }

    @Test
    void rawAndPacketSocketsAreThere() throws IOException, InterruptedException {
        List<Row> raw = ss("-wanH");
        assertSome(raw, r -> r.field(3).equals("0.0.0.0:1") && r.number(1) > 0, "raw ICMP with a queued echo");
        assertSome(raw, r -> r.field(3).equals("*:58"), "raw ICMPv6");
        List<Row> packet = ss("-0aH");
        assertSome(packet, r -> r.field(0).equals("p_raw") && r.number(2) > 0, "a packet socket holding frames");
        assertSome(packet, r -> r.field(0).equals("p_dgr") && r.field(4).equals("ip:" + ZooNetwork.ZOO_DEVICE),
                "an ETH_P_IP packet socket bound to the veth");
    }

    @Test
    void netlinkHasOwnedUnownedAndOnlyOneListerSocket() throws IOException, InterruptedException {
        SocketZoo.Pids pids = zoo.pids();
        List<String> local = ss("-aH", "-f", "netlink").stream().map(r -> r.field(3)).toList();
        assertTrue(local.contains("rtnl:python3/" + pids.main()), "main's NETLINK_ROUTE socket in " + local);
        assertTrue(local.contains("genl:zoo-worker/" + pids.worker()), "the worker's generic socket in " + local);
        assertTrue(local.contains("rtnl:2000000000"), "a port id that names no process in " + local);
        assertTrue(local.stream().anyMatch(a -> a.startsWith("rtnl:-")), "a kernel-chosen port id in " + local);
        // The normalisation in OwnSockDiagLines relies on ss's own socket being the only non-kernel one.
        List<String> listers = local.stream().filter(a -> OwnSockDiagLines.isOwnSockDiag(a + " *")).toList();
        assertEquals(1, listers.size(), "exactly one lister (ss's own) sock_diag socket: " + listers);
        assertTrue(listers.getFirst().startsWith("tcpdiag:ss/"), listers.toString());
    }

    @Test
    void ownersIncludeTwoProcessesAndASharedDescriptor() throws IOException, InterruptedException {
        SocketZoo.Pids pids = zoo.pids();
        List<Row> rows = ss("-tlnpH");
        Row http = rows.stream().filter(r -> r.field(3).equals("0.0.0.0:80")).findFirst().orElseThrow();
        String users = String.join(" ", http.fields());
        assertTrue(users.contains("(\"python3\",pid=" + pids.main() + ",") && users.contains("(\"zoo-worker\",pid="
                + pids.worker() + ","), "port 80 owned by both processes: " + users);
        assertSome(rows, r -> r.field(3).equals("127.0.0.1:5432") && r.fields().toString().contains("zoo-worker"),
                "a listener of the worker alone");
    }

    @Test
    void someSocketsSetInetOptions() throws IOException, InterruptedException {
        List<String> lines = runner.output(zoo.inNamespace(List.of("ss", "-tuanHO", "--inet-sockopt")))
                .lines().toList();
        assertSome(lines, "192.0.2.10:3128 ", "( is_icsk freebind mc_loop transparent mc_all)",
                "a transparent, free-binding listener");
        assertSome(lines, "127.0.0.1:7 ", "( recverr recverr_rfc4884)", "UDP with recverr and multicast off");
        assertSome(lines, "SYN-SENT", "( is_icsk mc_loop mc_all defer_connect)", "a deferred Fast Open connect");
        assertSome(lines, ":22 ", "( is_icsk mc_loop mc_all bind_addr_no_port)", "a client bound without a port");
    }

    private static void assertSome(List<String> lines, String address, String options, String what) {
        assertTrue(lines.stream().anyMatch(line -> line.contains(address)
                        && line.stripTrailing().endsWith("inet-sockopt: " + options)),
                "no " + what + " (" + address + "inet-sockopt: " + options + ") among:\n" + String.join("\n", lines));
    }

    @Test
    void zooHoldsStill() throws IOException, InterruptedException {
        List<String> flags = List.of("-anH", "-A", "inet,unix,packet");
        List<Row> before = ss(flags.toArray(String[]::new));
        Thread.sleep(1000);
        List<Row> after = ss(flags.toArray(String[]::new));
        assertEquals(before, after, "the zoo's listing changed within a second");
    }

    private List<Row> ss(String... flags) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("ss"));
        command.addAll(Arrays.asList(flags));
        return runner.output(zoo.inNamespace(command)).lines()
                .map(line -> new Row(List.of(line.trim().split("\\s+"))))
                .toList();
    }

    private static void assertSome(List<Row> rows, Predicate<Row> wanted, String what) {
        assertTrue(rows.stream().anyMatch(wanted), "no " + what + " among:\n"
                + rows.stream().map(r -> String.join(" ", r.fields())).collect(Collectors.joining("\n")));
    }
}
