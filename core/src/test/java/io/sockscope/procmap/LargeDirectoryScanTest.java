package io.sockscope.procmap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Fd directories several chunks long, which the scan splits between threads, must still give owners in
 * exactly the order of a one-threaded reading. The tree is built once: thousands of links take a while.
 */
class LargeDirectoryScanTest {
    private static final int INODES = 500;
    private static ProcFixture proc;
    private static ReferenceScan expected;

    @BeforeAll
    static void buildTree() throws IOException {
        proc = ProcFixture.create();
        // Sizes around chunk boundaries; inodes shared so that every owner list spans processes and chunks.
        int[][] layout = {{7, 3 * TaskScan.CHUNK + 17}, {8, 40}, {9, 2 * TaskScan.CHUNK}, {10, 1},
                {11, TaskScan.CHUNK + 1}};
        for (int[] process : layout) {
            proc.process(process[0], "p" + process[0]);
            for (int fd = 0; fd < process[1]; fd++) {
                proc.socket(process[0], fd, 1 + (fd * 7L + process[0]) % INODES);
            }
        }
        expected = ReferenceScan.of(proc.root(), false);
    }

    @AfterAll
    static void removeTree() throws IOException {
        proc.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.sockscope.procmap.OwnerScannerFixtureTest#scanners")
    void splitDirectoriesKeepTheirOrder(String name, boolean nativeCalls, int threads) {
        List<String> warnings = new ArrayList<>();

        OwnerIndex index = OwnerScannerFixtureTest.scanner(nativeCalls, threads, warnings).scan(proc.root(), false);

        assertEquals(expected.size(), index.size());
        for (long inode = 1; inode <= INODES; inode++) {
            assertEquals(expected.owners(inode), index.owners(inode), "owners of " + inode);
        }
        assertEquals(List.of(), warnings);
    }
}
