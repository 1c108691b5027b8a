package io.sockscope.procmap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * On the real /proc, a listener shared by a family of python processes and threads must get exactly the
 * {@code users:(...)} text the installed ss prints for it, with and without threads.
 */
class SsDifferentialLiveTest {
    private static PythonHelper family;
    private static int port;

    @BeforeAll
    static void start() throws IOException {
        Assumptions.assumeTrue(SsCommand.available(), "needs iproute2 ss");
        family = PythonHelper.start("shared_listener.py");
        port = Integer.parseInt(family.ready().getFirst());
    }

    @AfterAll
    static void stop() {
        if (family != null) {
            family.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.sockscope.procmap.OwnerScannerFixtureTest#scanners")
    void usersMatchSs(String name, boolean nativeCalls, int threads) throws IOException {
        long inode = SsCommand.tcpInode(port);
        for (boolean withThreads : new boolean[] {false, true}) {
            List<String> warnings = new ArrayList<>();
            OwnerIndex index = OwnerScannerFixtureTest.scanner(nativeCalls, threads, warnings)
                    .scan(Path.of("/proc"), withThreads);
            String ss = SsCommand.usersOf(SsCommand.run(List.of("ss", withThreads ? "-tlnpT" : "-tlnp",
                    "sport", "=", ":" + port), Map.of()), port);

            // Parent: 1 descriptor; children: 3 each; threads: parent 2, one child 1.
            int expectedEntries = withThreads ? 1 + 2 + 9 + 3 : 1 + 9;
            assertEquals(expectedEntries, ss.split("\\),\\(").length, ss);
            assertEquals(ss, SsUsers.format(index.owners(inode), withThreads));
            assertTrue(ss.contains("pid=" + family.pid() + ","), ss);
            assertEquals(List.of(), warnings);
        }
    }
}
