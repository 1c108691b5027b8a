package io.sockscope.procmap;

import io.sockscope.model.Owner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The kernel's task-file iterator finds exactly the owners the {@code /proc} scan finds, and ss prints, for
 * sockets held in the ways that tell them apart: a name with ")", a child holding a duplicate, a thread with
 * a descriptor table of its own (which /proc does not show), this JVM itself when excluded.
 */
class TaskFileScanLiveTest {
    private static final Path PROC = Path.of("/proc");
    private static final Pattern SOCKET = Pattern.compile("socket:\\[(\\d+)]");

    private static PythonHelper family;
    private static int port;
    private static long childPid;
    private static long threadId;

    @BeforeAll
    static void start() throws IOException {
        assumeTrue(isRoot(), "loading a BPF iterator needs root (CAP_BPF and CAP_PERFMON); skipped as a user");
        assumeTrue(Files.isReadable(Path.of("/sys/kernel/btf/vmlinux")), "the kernel publishes no BTF");
        family = PythonHelper.start("task_files.py");
        port = Integer.parseInt(family.ready().get(0));
        childPid = Long.parseLong(family.ready().get(1));
        threadId = Long.parseLong(family.ready().get(2));
    }

    @AfterAll
    static void stop() {
        if (family != null) {
            family.close();
        }
    }

    private static boolean isRoot() {
        try {
            return Files.readString(Path.of("/proc/self/status")).lines()
                    .anyMatch(line -> line.matches("Uid:\\s+0\\s.*"));
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void theIteratorAgreesWithProcForTheFamilysSockets() throws IOException {
        Set<Long> inodes = new HashSet<>(socketsIn(PROC.resolve(family.pid() + "/fd")));
        inodes.addAll(socketsIn(PROC.resolve(childPid + "/fd")));
        Set<Long> privateTable = socketsIn(PROC.resolve(family.pid() + "/task/" + threadId + "/fd"));
        privateTable.removeAll(inodes);
        assertEquals(1, privateTable.size(), "the unsharing thread holds one socket of its own");
        Set<Long> wanted = new HashSet<>(inodes);
        wanted.addAll(privateTable);

        List<String> warnings = new ArrayList<>();
        OwnerScanner scanner = OwnerScannerFixtureTest.scanner(true, 2, warnings);
        ScanRequest request = new ScanRequest(false, wanted::contains, -1);
        TaskFileScan.Outcome outcome = scanner.kernelIteratorScan(PROC, request);
        assertNull(outcome.refusal(), "the iterator applies as root in the initial PID namespace");
        OwnerIndex fromKernel = outcome.index();
        OwnerIndex fromProc = scanner.scan(PROC, false, wanted::contains);

        for (long inode : wanted) {
            assertEquals(fromProc.owners(inode), fromKernel.owners(inode), "owners of socket " + inode);
        }
        long listener = SsCommand.tcpInode(port);
        List<Owner> owners = fromKernel.owners(listener);
        int inherited = descriptorOf(family.pid(), listener, -1);
        // Met in the order parent, child (descriptor ascending); printed the other way round, as ss does.
        assertEquals(List.of(new Owner("helper", (int) childPid, (int) childPid, 50),
                new Owner("helper", (int) childPid, (int) childPid, inherited),
                new Owner("own(er", (int) family.pid(), (int) family.pid(), inherited)), owners);
        String ss = SsCommand.usersOf(SsCommand.run(List.of("ss", "-tlnp", "sport", "=", ":" + port), Map.of()),
                port);
        assertEquals(ss, SsUsers.format(owners, false));
        assertEquals(List.of(), fromKernel.owners(privateTable.iterator().next()), "a private table is not shown");
        assertEquals(List.of(), warnings);
    }

    @Test
    void theScanningProcessCanBeLeftOut() throws IOException {
        try (var channel = SsCommand.listenOnLoopback()) {
            long inode = SsCommand.tcpInode(SsCommand.port(channel));
            OwnerScanner scanner = OwnerScannerFixtureTest.scanner(true, 2, new ArrayList<>());
            long self = ProcessHandle.current().pid();
            OwnerIndex all = scanner.kernelIteratorScan(PROC, new ScanRequest(false, i -> i == inode, -1)).index();
            OwnerIndex others = scanner.kernelIteratorScan(PROC, new ScanRequest(false, i -> i == inode, self))
                    .index();
            assertNotNull(all);
            assertEquals(self, all.owners(inode).getFirst().pid());
            assertEquals(List.of(), others.owners(inode));
        }
    }

    @Test
    void threadsAndOtherTreesAreLeftToProc() {
        OwnerScanner scanner = OwnerScannerFixtureTest.scanner(true, 2, new ArrayList<>());
        TaskFileScan.Outcome threads = scanner.kernelIteratorScan(PROC, new ScanRequest(true, i -> true, -1));
        TaskFileScan.Outcome elsewhere = scanner.kernelIteratorScan(Path.of("/tmp"),
                new ScanRequest(false, i -> true, -1));
        assertNull(threads.index());
        assertTrue(threads.refusal().contains("threads"), threads.refusal());
        assertNull(elsewhere.index());
        assertFalse(elsewhere.refusal().isEmpty());
    }

    /** The socket inodes among the links of one fd directory, read the plain way. */
    private static Set<Long> socketsIn(Path fdDirectory) throws IOException {
        Set<Long> inodes = new HashSet<>();
        try (DirectoryStream<Path> links = Files.newDirectoryStream(fdDirectory)) {
            for (Path link : links) {
                try {
                    Matcher m = SOCKET.matcher(Files.readSymbolicLink(link).toString());
                    if (m.matches()) {
                        inodes.add(Long.parseLong(m.group(1)));
                    }
                } catch (NoSuchFileException e) {
                    // the directory stream's own descriptor
                }
            }
        }
        return inodes;
    }

    /** The lowest descriptor of {@code pid} holding {@code inode}, other than {@code except}. */
    private static int descriptorOf(long pid, long inode, int except) throws IOException {
        int lowest = Integer.MAX_VALUE;
        try (DirectoryStream<Path> links = Files.newDirectoryStream(PROC.resolve(pid + "/fd"))) {
            for (Path link : links) {
                int fd = Integer.parseInt(link.getFileName().toString());
                try {
                    if (fd != except && Files.readSymbolicLink(link).toString().equals("socket:[" + inode + "]")) {
                        lowest = Math.min(lowest, fd);
                    }
                } catch (NoSuchFileException e) {
                    // gone meanwhile
                }
            }
        }
        return lowest;
    }
}
