package io.sockscope.procmap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The installed ss reads owners (and, then, the TCP table) from {@code $PROC_ROOT}, so pointing it at a
 * hand-made tree that claims this JVM's listening sockets makes it print the owners it derives from that
 * tree, odd names and all.
 * The scan of the same tree must give exactly the same {@code users:(...)} text, with and without
 * threads.
 */
class SsDifferentialFixtureTest {
    private static ProcFixture proc;
    private static ServerSocketChannel first;
    private static ServerSocketChannel second;

    @BeforeAll
    static void setUp() throws IOException {
        Assumptions.assumeTrue(SsCommand.available(), "needs iproute2 ss");
        first = SsCommand.listenOnLoopback();
        second = SsCommand.listenOnLoopback();
        long a = SsCommand.tcpInode(SsCommand.port(first));
        long b = SsCommand.tcpInode(SsCommand.port(second));
        proc = ProcFixture.create();
        // With $PROC_ROOT set, ss lists TCP sockets from $PROC_ROOT/net/tcp rather than over netlink.
        proc.write("net/tcp", Files.readString(Path.of("/proc/net/tcp")));
        proc.process(4000, "nginx").socket(4000, 6, a).socket(4000, 7, b).socket(4000, 12, a);
        proc.process(12, "my server").socket(12, 3, a).socket(12, 100, a).link(12, "1", "/dev/null");
        proc.process(999, "naïve").socket(999, 3, b);
        proc.process(3, "a)b").socket(3, 5, a);
        proc.process(250, "x").socket(250, 9, b).thread(250, 250).thread(250, 251).thread(250, 252);
        proc.process(251, "x-worker").socket(251, 9, b).socket(251, 10, a);
        proc.process(252, "x-idle");
        // Names ss reads with sscanf("%d"): a prefix number counts, and the path is rebuilt from the number.
        proc.link(4000, "7x", "socket:[999999999]").link(4000, "+12", "socket:[" + b + "]");
        // ss reads at most 63 bytes of a link: the first fits exactly, the second loses its last digit.
        String digitsOfA = Long.toString(a);
        proc.link(999, "40", "socket:[" + "0".repeat(55 - digitsOfA.length()) + digitsOfA + "]");
        proc.link(999, "41", "socket:[" + "0".repeat(56 - digitsOfA.length()) + digitsOfA + "]");
        proc.mkdir("0012").mkdir("12abc").mkdir("self").mkdir("sys");
        proc.process(77, "gone-stat").socket(77, 4, a).write("77/stat", "77 no name here\n");
        proc.process(78, "empty").socket(78, 4, b).write("78/stat", "78 () S\n");
        proc.write("79/fd", "not a directory");
        for (int fd = 20; fd < 60; fd++) {
            proc.socket(4000, fd, fd % 3 == 0 ? a : b);
        }
    }

    @AfterAll
    static void tearDown() throws IOException {
        if (proc != null) {
            proc.close();
        }
        if (first != null) {
            first.close();
            second.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.sockscope.procmap.OwnerScannerFixtureTest#scanners")
    void usersMatchSsOnTheSameTree(String name, boolean nativeCalls, int threads) throws IOException {
        for (boolean withThreads : new boolean[] {false, true}) {
            String ss = SsCommand.run(List.of("ss", withThreads ? "-tlnpT" : "-tlnp"),
                    Map.of("PROC_ROOT", proc.root().toString()));

            OwnerIndex index = OwnerScannerFixtureTest.scanner(nativeCalls, threads, new java.util.ArrayList<>())
                    .scan(proc.root(), withThreads);

            for (ServerSocketChannel socket : List.of(first, second)) {
                int port = SsCommand.port(socket);
                String expected = SsCommand.usersOf(ss, port);
                assertTrue(expected.length() > 200, "ss found the fixture's owners: " + expected);
                if (socket == first) {
                    // The cases the tree was built to show, as ss itself reads them.
                    assertTrue(expected.contains("(\"naïve\",pid=999," + (withThreads ? "tid=999," : "") + "fd=40)"),
                            expected);
                    assertTrue(!expected.contains("fd=41)") && expected.contains("(\"a\",pid=3,"), expected);
                }
                assertEquals(expected, SsUsers.format(index.owners(SsCommand.tcpInode(port)), withThreads),
                        "port " + port + (withThreads ? " with threads" : ""));
            }
        }
    }
}
