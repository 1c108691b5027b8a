package io.sockscope.procmap;

import io.sockscope.model.Owner;
import io.sockscope.model.ProcessName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The scan of the real /proc finds a listener this JVM holds, with its pid, fd and command name. */
class OwnerScannerLiveTest {
    private static final Path PROC = Path.of("/proc");

    private ServerSocketChannel listener;
    private long inode;
    private int fd;

    @BeforeEach
    void listen() throws IOException {
        listener = SsCommand.listenOnLoopback();
        inode = SsCommand.tcpInode(SsCommand.port(listener));
        fd = descriptorOf(inode);
    }

    @AfterEach
    void close() throws IOException {
        listener.close();
    }

    /** The descriptor of this process that holds socket {@code inode}, found the plain way. */
    private static int descriptorOf(long inode) throws IOException {
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
            for (Path link : fds) {
                try {
                    if (Files.readSymbolicLink(link).toString().equals("socket:[" + inode + "]")) {
                        return Integer.parseInt(link.getFileName().toString());
                    }
                } catch (NoSuchFileException e) {
                    // the directory stream's own descriptor, closed by now
                }
            }
        }
        throw new AssertionError("socket " + inode + " is not among /proc/self/fd");
    }

    /** The name in a stat file, read the plain way. */
    private static ProcessName commandIn(Path stat) throws IOException {
        // Latin-1 maps each byte to one char, so the indexes found in the text are those of the bytes.
        byte[] bytes = Files.readAllBytes(stat);
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        return ProcessName.of(bytes, text.indexOf('(') + 1, text.indexOf(')'));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.sockscope.procmap.OwnerScannerFixtureTest#scanners")
    void findsThisJvmsListener(String name, boolean nativeCalls, int threads) throws IOException {
        List<String> warnings = new ArrayList<>();
        int pid = (int) ProcessHandle.current().pid();

        OwnerIndex index = OwnerScannerFixtureTest.scanner(nativeCalls, threads, warnings).scan(PROC, false);

        assertEquals(List.of(new Owner(commandIn(Path.of("/proc/self/stat")), pid, pid, fd)), index.owners(inode));
        assertEquals(List.of(), warnings);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.sockscope.procmap.OwnerScannerFixtureTest#scanners")
    void withThreadsEveryThreadOfThisJvmHoldsIt(String name, boolean nativeCalls, int threads)
            throws IOException {
        List<String> warnings = new ArrayList<>();
        int pid = (int) ProcessHandle.current().pid();

        OwnerIndex index = OwnerScannerFixtureTest.scanner(nativeCalls, threads, warnings).scan(PROC, true);

        List<Owner> owners = index.owners(inode);
        // Threads share the descriptor table, so each one shows the listener; the process's own entry,
        // met first, comes last.
        assertEquals(new Owner(commandIn(Path.of("/proc/self/stat")), pid, pid, fd), owners.getLast());
        assertTrue(owners.size() > 5, "a JVM has many threads: " + owners);
        for (Owner owner : owners) {
            assertEquals(pid, owner.pid());
            assertEquals(fd, owner.fd());
            if (owner.tid() != pid) {
                // A JVM thread may end between the scan and this read (the JIT's, the GC's): then there is no
                // name left to compare.
                Path task = Path.of("/proc/self/task/" + owner.tid());
                try {
                    assertEquals(commandIn(task.resolve("stat")), owner.command(), "name of thread " + owner.tid());
                } catch (IOException e) {
                    if (Files.exists(task)) {
                        throw e; // not a thread that ended: a real failure to read
                    }
                }
            }
        }
        assertEquals(owners.size(), owners.stream().map(Owner::tid).distinct().count(), "one entry per thread");
        assertEquals(List.of(), warnings);
    }
}
