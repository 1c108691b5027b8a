package io.sockscope.differential;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code sockscope -K} in a network namespace of its own: it closes exactly the sockets the command line
 * names and nothing else (ss lists the namespace before and after), prints them exactly as ss prints what
 * {@code ss -K} closed, refuses to run without a filter or a state, and says what is missing without
 * {@code CAP_NET_ADMIN}.
 *
 * <p>The connections run over the veth of a {@link ZooNetwork}: servers in the zoo namespace, clients in the
 * sink namespace on fixed ports. Closing a server socket resets its client, which lives in the other
 * namespace, so the zoo's listing changes by exactly the closed sockets. Every test builds its namespaces
 * and sockets afresh and removes them.
 */
class KillDifferentialTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String ZOO = ZooNetwork.ZOO_ADDRESS;
    /** The sockets the kill commands below name: the two server ends of the connections to port 7401. */
    private static final List<String> NAMED = List.of("state", "established", "sport = :7401");

    private final CommandRunner runner = new CommandRunner();
    private final ToolCommands tools = ToolCommands.ofThisBuild();
    private ZooNetwork network;
    private SocketHolder servers;
    private SocketHolder clients;
    private SocketHolder bystander;

    @BeforeEach
    void buildSockets() throws IOException, InterruptedException {
        ZooPreconditions.assumeZooCanRun();
        tools.whyCandidateMissing().ifPresent(why -> assumeTrue(false, why));
        network = ZooNetwork.create(runner);
        servers = SocketHolder.start(network.inZoo(List.of()), runner);
        servers.run("listen " + ZOO + " 7401", "listen " + ZOO + " 7402", "listen 127.0.0.1 7403",
                "listen ::1 7404", "udp 127.0.0.1 7411 127.0.0.1 7412", "udp 127.0.0.1 7412");
        connectClients(41001, 41002);
        bystander = SocketHolder.start(sink(), runner);
        bystander.run("connect " + ZOO + " 7402 41003");
        servers.run("accept 7402 1");
        // Loopback pairs, both ends in the zoo: they must survive every kill below.
        servers.run("connect 127.0.0.1 7403 41004", "accept 7403 1", "connect ::1 7404 41005", "accept 7404 1");
    }

    /** Clients from the sink connect to 7401 from these ports and the zoo accepts them. */
    private void connectClients(int... ports) throws IOException, InterruptedException {
        if (clients == null) {
            clients = SocketHolder.start(sink(), runner);
        }
        for (int port : ports) {
            clients.run("connect " + ZOO + " 7401 " + port);
        }
        servers.run("accept 7401 " + ports.length);
    }

    private List<String> sink() {
        return List.of("ip", "netns", "exec", network.sinkNamespace());
    }

    @AfterEach
    void removeEverything() throws IOException {
        try {
            for (SocketHolder h : Arrays.asList(clients, bystander, servers)) {
                if (h != null) {
                    h.close();
                }
            }
        } finally {
            if (network != null) {
                network.close();
            }
        }
    }

    private CommandResult inZoo(List<String> command) throws IOException, InterruptedException {
        return runner.run(network.inZoo(command), Map.of(), TIMEOUT);
    }

    private CommandResult sockscope(List<String> flags) throws IOException, InterruptedException {
        return inZoo(tools.candidate(flags));
    }

    private String ss(String... flags) throws IOException, InterruptedException {
        CommandResult r = inZoo(tools.ss(List.of(flags)));
        assertEquals(0, r.exitCode(), r.describe() + ": " + r.stderrText());
        return r.stdoutText();
    }

    private static List<String> flags(String first, List<String> rest) {
        List<String> all = new ArrayList<>(List.of(first.split(" ")));
        all.addAll(rest);
        return all;
    }

    /** Every socket of the zoo's TCP and UDP tables, one "netid state local peer" line each, sorted. */
    private List<String> rows() throws IOException, InterruptedException {
        return ss("-tuanH").lines().map(line -> String.join(" ", line.trim().split("\\s+")))
                .sorted().toList();
    }

    /** The "local peer" pairs of a listing's rows (the last two columns). */
    private static Set<String> endpoints(String listing) {
        return listing.lines().skip(1).map(line -> {
            String[] f = line.trim().split("\\s+");
            return f[f.length - 2] + " " + f[f.length - 1];
        }).collect(Collectors.toSet());
    }

    private static List<String> without(List<String> rows, Set<String> endpoints) {
        return rows.stream().filter(row -> {
            String[] f = row.split(" ");
            return !endpoints.contains(f[f.length - 2] + " " + f[f.length - 1]);
        }).toList();
    }

    @Test
    void closesExactlyTheNamedSocketsAndPrintsThemAsSsDoes() throws IOException, InterruptedException {
        List<String> before = rows();
        String named = ss(flags("-tn", NAMED).toArray(String[]::new));
        Set<String> closing = endpoints(named);
        assertEquals(Set.of(ZOO + ":7401 " + ZooNetwork.SINK_ADDRESS + ":41001",
                ZOO + ":7401 " + ZooNetwork.SINK_ADDRESS + ":41002"), closing, "the sockets to close:\n" + named);

        CommandResult ours = sockscope(flags("-K -tn", NAMED));
        assertEquals(0, ours.exitCode(), ours.describe() + ": " + ours.stderrText());
        assertEquals("", ours.stderrText());
        assertEquals(named, ours.stdoutText(), "what -K prints is the listing of what it closed");

        List<String> after = rows();
        assertEquals(without(before, closing), after, "exactly the named sockets are gone from the zoo");
        assertFalse(ss("-tanH").contains(":7401 " + ZooNetwork.SINK_ADDRESS), "no connection to 7401 is left");

        // The same sockets once more, closed by ss this time: it prints the same bytes.
        clients.close();
        clients = null;
        connectClients(41001, 41002);
        assertEquals(before, rows(), "the connections are back as they were");
        CommandResult theirs = inZoo(tools.ss(flags("-K -tn", NAMED)));
        assertEquals(0, theirs.exitCode(), theirs.stderrText());
        assertEquals(theirs.stdoutText(), ours.stdoutText(), "ss -K and sockscope -K print the same");
        assertEquals(after, rows(), "and leave the zoo the same");
    }

    @Test
    void disconnectsANamedUdpSocketAndLeavesTheOtherOne() throws IOException, InterruptedException {
        List<String> before = rows();
        String named = ss("-un", "sport = :7411");
        assertTrue(named.contains("127.0.0.1:7411"), named);

        CommandResult ours = sockscope(List.of("-K", "-un", "sport = :7411"));
        assertEquals(0, ours.exitCode(), ours.stderrText());
        assertEquals(named, ours.stdoutText());

        List<String> expected = new ArrayList<>(before.stream()
                .map(row -> row.startsWith("udp ESTAB 0 0 127.0.0.1:7411 ")
                        ? "udp UNCONN 0 0 127.0.0.1:7411 0.0.0.0:*" : row).toList());
        expected.sort(null);
        assertEquals(expected, rows(), "a destroyed UDP socket is disconnected, not removed");
    }

    @Test
    void refusesToCloseEverythingOfATable() throws IOException, InterruptedException {
        List<String> before = rows();
        List<List<String>> everything = List.of(List.of("-K", "-tn"), List.of("-K", "-t", "-a"), List.of("-K"),
                List.of("-K", ""), List.of("-K", " "), List.of("-K", "-F", "/dev/null"), List.of("-K", "-F", "-"),
                List.of("-K", "-tn", "sport >= :0"), List.of("-K", "-tn", "dst 0.0.0.0/0"),
                List.of("-K", "-tn", "state", "connected"), List.of("-K", "-tn", "exclude", "listening"));
        for (List<String> flags : everything) {
            // The runner gives every command an empty stdin, so "-F -" reads an empty filter.
            CommandResult ours = sockscope(flags);
            assertEquals(1, ours.exitCode(), ours.describe());
            assertEquals("", ours.stdoutText());
            List<String> lines = ours.stderrText().lines().toList();
            assertEquals(1, lines.size(), ours.stderrText());
            assertTrue(lines.getFirst().startsWith("sockscope: -K closes every socket it lists"), lines.getFirst());
        }
        assertEquals(before, rows(), "nothing was closed");
    }

    @Test
    void withoutCapNetAdminItSaysWhatIsMissingAndClosesNothing() throws IOException, InterruptedException {
        assumeTrue(ZooPreconditions.onPath("setpriv").isPresent(), "needs util-linux's setpriv to drop a capability");
        List<String> before = rows();
        List<String> command = new ArrayList<>(List.of("setpriv", "--inh-caps=-all", "--bounding-set=-net_admin"));
        command.addAll(tools.candidate(flags("-K -tn", NAMED)));
        CommandResult ours = inZoo(command);
        assertEquals(1, ours.exitCode(), ours.describe() + ": " + ours.stderrText());
        assertEquals(List.of("sockscope: SOCK_DESTROY answers: Operation not permitted"
                + " (closing sockets needs CAP_NET_ADMIN)"), ours.stderrText().lines().toList());
        assertFalse(ours.stdoutText().contains(":7401"), "nothing is listed as closed:\n" + ours.stdoutText());
        assertEquals(before, rows(), "nothing was closed");
    }

    @Test
    void closesInANamedNamespaceFromOutsideIt() throws IOException, InterruptedException {
        List<String> before = rows();
        String named = ss("-tn", "state", "established", "sport = :7402");
        List<String> flags = new ArrayList<>(List.of("-N", network.zooNamespace(), "-K", "-tn", "state", "established",
                "sport = :7402"));
        CommandResult ours = runner.run(tools.candidate(flags), Map.of(), TIMEOUT);
        assertEquals(0, ours.exitCode(), ours.describe() + ": " + ours.stderrText());
        assertEquals(named, ours.stdoutText());
        assertEquals(without(before, endpoints(named)), rows());
    }
}
