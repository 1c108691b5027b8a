package io.sockscope.procmap;

import io.sockscope.model.Owner;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Scans while processes, threads and descriptors keep vanishing (churn.py): every scan completes without
 * a warning and still finds the sockets that stay.
 */
class VanishingProcessesTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.sockscope.procmap.OwnerScannerFixtureTest#scanners")
    void scansWhileProcessesComeAndGo(String name, boolean nativeCalls, int threads) throws IOException {
        int pid = (int) ProcessHandle.current().pid();
        try (ServerSocketChannel listener = SsCommand.listenOnLoopback();
             PythonHelper churn = PythonHelper.start("churn.py")) {
            assertTrue(churn.pid() > 0);
            long inode = SsCommand.tcpInode(SsCommand.port(listener));
            List<String> warnings = new ArrayList<>();
            OwnerScanner scanner = OwnerScannerFixtureTest.scanner(nativeCalls, threads, warnings);
            int scansMeetingTheDead = 0;
            // Enough rounds to have met the dead, a few more than that, and a bound for a very busy machine.
            for (int round = 0; round < 40 && (round < 6 || scansMeetingTheDead == 0); round++) {
                OwnerIndex index = scanner.scan(Path.of("/proc"), round % 2 == 0);

                List<Owner> owners = index.owners(inode);
                assertTrue(owners.stream().anyMatch(owner -> owner.pid() == pid && owner.tid() == pid), "round "
                        + round + ": " + owners);
                if (anyOwnerGone(index)) {
                    scansMeetingTheDead++;
                }
            }
            assertEquals(List.of(), warnings);
            assertTrue(scansMeetingTheDead > 0, "the scans did meet processes that then vanished");
        }
    }

    /** Whether the index holds sockets of processes that are gone by now. */
    private static boolean anyOwnerGone(OwnerIndex index) {
        Set<Integer> pids = new HashSet<>();
        index.forEach((inode, owner) -> pids.add(owner.pid()));
        return pids.stream().anyMatch(pid -> ProcessHandle.of(pid).isEmpty());
    }
}
