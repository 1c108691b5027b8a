package io.sockscope.procmap;

import io.sockscope.model.Owner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The scan over hand-made process trees, with every way of scanning (java.nio or native calls, one to
 * three threads): order, threads, odd and missing entries, the inode pre-filter.
 */
class OwnerScannerFixtureTest {
    private ProcFixture proc;
    private Path temp;

    @BeforeEach
    void createTree() throws IOException {
        proc = ProcFixture.create();
        temp = proc.root();
    }

    @AfterEach
    void removeTree() throws IOException {
        proc.close();
    }

    static Stream<Arguments> scanners() {
        return Stream.of(
                Arguments.of("nio x1", false, 1),
                Arguments.of("nio x2", false, 2),
                Arguments.of("native x1", true, 1),
                Arguments.of("native x2", true, 2),
                Arguments.of("native x3", true, 3));
    }

    static OwnerScanner scanner(boolean nativeCalls, int threads, List<String> warnings) {
        OwnerScanner scanner = OwnerScanner.create(warnings::add, threads, nativeCalls);
        // Surefire grants native access; without it the native cases would silently test java.nio twice.
        assertEquals(nativeCalls, scanner.usesNativeCalls(), "native calls available");
        return scanner;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scanners")
    void ownersOfASharedSocketComeInReverseScanOrder(String name, boolean nativeCalls, int threads)
            throws IOException {
        int[] pids = {11, 7, 300, 42, 1000, 5};
        for (int pid : pids) {
            proc.process(pid, "cmd" + pid);
            proc.socket(pid, 3, 5000).socket(pid, 17, 5000).socket(pid, 4, 6000 + pid).link(pid, "0", "/dev/null");
        }
        proc.socket(300, 250, 5000).socket(300, 9, 7777);
        List<String> warnings = new ArrayList<>();

        OwnerIndex index = scanner(nativeCalls, threads, warnings).scan(temp, false);

        // What ss would print: the reverse of the order met, root listing first, then each fd listing.
        List<Owner> met = new ArrayList<>();
        for (int pid : ReferenceScan.ids(temp)) {
            for (int fd : ReferenceScan.ids(temp.resolve(pid + "/fd"))) {
                if (Files.readSymbolicLink(temp.resolve(pid + "/fd/" + fd)).toString().equals("socket:[5000]")) {
                    met.add(new Owner("cmd" + pid, pid, pid, fd));
                }
            }
        }
        Collections.reverse(met);
        assertEquals(13, met.size());
        assertEquals(met, index.owners(5000));
        assertEquals(List.of(new Owner("cmd300", 300, 300, 9)), index.owners(7777));
        assertEquals(List.of(new Owner("cmd42", 42, 42, 4)), index.owners(6042));
        assertEquals(13 + 6 + 1, index.size());
        assertEquals(List.of(), index.owners(1234));
        assertEquals(List.of(), warnings);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scanners")
    void threadsAreReadFromTheirOwnFdDirectoriesWhenAskedFor(String name, boolean nativeCalls, int threads)
            throws IOException {
        proc.process(100, "server").socket(100, 3, 900).socket(100, 4, 901);
        proc.thread(100, 100).thread(100, 101).thread(100, 102);
        // As in /proc, <root>/<tid> is where a thread's own files are; here it is listed in the root too.
        proc.process(101, "worker").socket(101, 3, 900);
        proc.process(102, "idle");
        proc.process(200, "other").socket(200, 8, 901);
        List<String> warnings = new ArrayList<>();
        OwnerScanner scanner = scanner(nativeCalls, threads, warnings);

        OwnerIndex withThreads = scanner.scan(temp, true);
        OwnerIndex withoutThreads = scanner.scan(temp, false);

        ReferenceScan expectedWith = ReferenceScan.of(temp, true);
        assertEquals(expectedWith.owners(900), withThreads.owners(900));
        assertEquals(expectedWith.owners(901), withThreads.owners(901));
        assertTrue(withThreads.owners(900).contains(new Owner("worker", 100, 101, 3)), "thread of 100");
        assertTrue(withThreads.owners(900).contains(new Owner("worker", 101, 101, 3)), "101 as listed");
        assertEquals(5, withThreads.size());

        ReferenceScan expectedWithout = ReferenceScan.of(temp, false);
        assertEquals(expectedWithout.owners(900), withoutThreads.owners(900));
        assertEquals(Set.of(new Owner("server", 100, 100, 3), new Owner("worker", 101, 101, 3)),
                Set.copyOf(withoutThreads.owners(900)));
        assertEquals(4, withoutThreads.size());
        assertEquals(List.of(), warnings);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scanners")
    void oddAndVanishedEntriesAreSkippedSilently(String name, boolean nativeCalls, int threads)
            throws IOException {
        proc.mkdir("self").mkdir("sys").write("uptime", "1.0 2.0\n").mkdir("abc12");
        proc.mkdir("50");                                    // process gone: no fd directory left
        proc.process(60, "nostat").socket(60, 3, 4242);
        Files.delete(temp.resolve("60/stat"));               // stat gone after the fds were listed
        proc.process(61, "x").socket(61, 3, 4242).write("61/stat", "garbage without parentheses\n");
        proc.process(62, "a)b").socket(62, 3, 4242);         // ss stops the name at the first ')'
        proc.process(63, "odd links")
                .link(63, "3", "pipe:[4242]")
                .link(63, "4", "/nonexistent/socket:[4242]")
                .link(63, "5", "socket:[0]")
                .link(63, "6", "socket:[]")
                .link(63, "7", "socket:[ 4243]")             // %u skips blanks
                .link(63, "8", "socket:[4244")               // the closing bracket is never checked
                .link(63, "9", "socket:[" + "9".repeat(40) + "]") // truncated at 63 bytes, saturated
                .write("63/fd/10", "a file where a link should be")
                .mkdir("63/fd/11")
                .link(63, "fd", "socket:[4242]");            // not a number: not a descriptor
        proc.write("64/fd", "fd is a file here").write("64/stat", "64 (broken) S\n");
        proc.process(65, "ok").socket(65, 3, 4242);
        List<String> warnings = new ArrayList<>();

        OwnerIndex index = scanner(nativeCalls, threads, warnings).scan(temp, true);

        assertEquals(Set.of(new Owner("", 60, 60, 3), new Owner("", 61, 61, 3), new Owner("a", 62, 62, 3),
                new Owner("ok", 65, 65, 3)), Set.copyOf(index.owners(4242)));
        assertEquals(ReferenceScan.of(temp, true).owners(4242), index.owners(4242));
        assertEquals(List.of(new Owner("odd links", 63, 63, 7)), index.owners(4243));
        assertEquals(List.of(new Owner("odd links", 63, 63, 8)), index.owners(4244));
        assertEquals(List.of(new Owner("odd links", 63, 63, 9)), index.owners(0xFFFF_FFFFL));
        assertEquals(List.of(), index.owners(0));
        assertEquals(7, index.size());
        assertEquals(List.of(), warnings);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scanners")
    void aWantedSetKeepsExactlyTheOwnersOfWantedSockets(String name, boolean nativeCalls, int threads) {
        for (int pid = 1; pid <= 30; pid++) {
            proc.process(pid, "p" + pid);
            for (int fd = 0; fd < 20; fd++) {
                proc.socket(pid, fd, 1 + (pid * 31L + fd) % 97);
            }
        }
        Set<Long> asked = ConcurrentHashMap.newKeySet();
        OwnerScanner scanner = scanner(nativeCalls, threads, new ArrayList<>());

        OwnerIndex all = scanner.scan(temp, false);
        OwnerIndex some = scanner.scan(temp, false, inode -> {
            asked.add(inode);
            return inode % 3 == 0;
        });

        int kept = 0;
        for (long inode = 1; inode <= 97; inode++) {
            List<Owner> expected = inode % 3 == 0 ? all.owners(inode) : List.of();
            assertEquals(expected, some.owners(inode), "owners of " + inode);
            kept += expected.size();
        }
        assertEquals(kept, some.size());
        assertTrue(kept > 0 && kept < all.size(), "the filter kept some but not all");
        assertEquals(97, asked.size(), "asked about every socket found");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scanners")
    void aMissingRootGivesAnEmptyIndexAndAWarning(String name, boolean nativeCalls, int threads) {
        List<String> warnings = new ArrayList<>();

        OwnerIndex index = scanner(nativeCalls, threads, warnings).scan(temp.resolve("absent"), true);

        assertEquals(0, index.size());
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.getFirst().contains("absent"), warnings.getFirst());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scanners")
    void anExcludedProcessIsPassedOverWithItsThreads(String name, boolean nativeCalls, int threads) {
        proc.process(300, "self").socket(300, 3, 55).thread(300, 300).thread(300, 301);
        proc.process(301, "self-thread").socket(301, 4, 55);
        proc.process(400, "other").socket(400, 5, 55).thread(400, 400).thread(400, 401);
        proc.process(401, "other-thread").socket(401, 6, 55);

        OwnerIndex index = scanner(nativeCalls, threads, new ArrayList<>()).excludingProcess(300).scan(temp, true);

        // 301 is still listed in this tree's root, as a thread never is in /proc: it stays.
        assertEquals(Set.of(new Owner("self-thread", 301, 301, 4), new Owner("other", 400, 400, 5),
                new Owner("other-thread", 400, 401, 6), new Owner("other-thread", 401, 401, 6)),
                Set.copyOf(index.owners(55)));
    }

    @Test
    void scanAsyncGivesTheSameIndex() throws Exception {
        proc.process(1, "one").socket(1, 3, 77).socket(1, 4, 77);
        proc.process(2, "two").socket(2, 5, 77);
        OwnerScanner scanner = OwnerScanner.create();

        OwnerIndex index = scanner.scanAsync(temp, false).get();

        assertEquals(ReferenceScan.of(temp, false).owners(77), index.owners(77));
        assertEquals(3, index.size());
    }
}
