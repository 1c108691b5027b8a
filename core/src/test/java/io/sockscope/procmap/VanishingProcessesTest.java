package io.sockscope.procmap;

import io.sockscope.model.Owner;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Scans the real /proc while processes, threads and descriptors keep vanishing (churn.py): every scan
 * completes without a warning and still finds the sockets that stay. Which deaths a scan happens to meet
 * is up to the scheduler; {@link ScanRacesTest} makes each kind of death happen on purpose.
 */
class VanishingProcessesTest {

    /** Both ways of reading, on two threads; every variant meets each kind of death in ScanRacesTest. */
    static Stream<Arguments> scanners() {
        return Stream.of(Arguments.of("nio x2", false, 2), Arguments.of("native x2", true, 2));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scanners")
    void scansWhileProcessesComeAndGo(String name, boolean nativeCalls, int threads) throws IOException {
        int pid = (int) ProcessHandle.current().pid();
        try (ServerSocketChannel listener = SsCommand.listenOnLoopback();
             PythonHelper churn = PythonHelper.start("churn.py")) {
            long inode = SsCommand.tcpInode(SsCommand.port(listener));
            List<String> warnings = new ArrayList<>();
            OwnerScanner scanner = OwnerScannerFixtureTest.scanner(nativeCalls, threads, warnings);
            for (int round = 0; round < 8; round++) {
                OwnerIndex index = scanner.scan(Path.of("/proc"), round % 2 == 0);

                List<Owner> owners = index.owners(inode);
                assertTrue(owners.contains(new Owner(owners.getLast().command(), pid, pid, owners.getLast().fd())),
                        "round " + round + ": " + owners);
                index.forEach((socket, owner) -> assertTrue(owner.pid() > 0 && owner.tid() > 0 && owner.fd() >= 0
                        && socket > 0, owner::toString));
            }
            assertEquals(List.of(), warnings);
            assertTrue(churn.pid() > 0, "the churn ran throughout");
        }
    }
}
