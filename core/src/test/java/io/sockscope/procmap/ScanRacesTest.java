package io.sockscope.procmap;

import io.sockscope.kernel.NativeLayer;
import io.sockscope.model.Owner;
import io.sockscope.model.ProcessName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Processes exiting and descriptors closing at the worst moments, made to happen deterministically: a
 * tree wrapper deletes parts of a fixture between the scan's steps (after the root was listed, after an
 * fd directory was listed, before a stat file is read).
 */
class ScanRacesTest {
    private ProcFixture proc;

    @BeforeEach
    void createTree() throws IOException {
        proc = ProcFixture.create();
    }

    @AfterEach
    void removeTree() throws IOException {
        proc.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.sockscope.procmap.OwnerScannerFixtureTest#scanners")
    void whateverVanishesMidScanIsSkipped(String name, boolean nativeCalls, int threads) throws IOException {
        proc.process(10, "exits-before-its-fds-are-read").socket(10, 3, 700);
        proc.process(20, "closes-fds").socket(20, 3, 700).socket(20, 4, 701).socket(20, 5, 700);
        proc.process(30, "exits-before-stat").socket(30, 3, 700);
        proc.process(40, "thread-exits").socket(40, 3, 700).thread(40, 40).thread(40, 41);
        proc.process(41, "thread").socket(41, 3, 700);
        proc.process(50, "stays").socket(50, 3, 700);
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        ProcTree real = nativeCalls
                ? new NativeProcTree(NativeLayer.syscalls(), proc.root(), problems)
                : new NioProcTree(proc.root(), problems);

        OwnerIndex index;
        try (ProcTree tree = new Saboteur(real, proc.root())) {
            index = new ParallelScan(tree, new ScanRequest(true, inode -> true, -1), threads).run();
        }

        assertEquals(Set.of(new Owner("closes-fds", 20, 20, 4), new Owner("", 30, 30, 3),
                new Owner("thread-exits", 40, 40, 3), new Owner("stays", 50, 50, 3)), everyOwner(index));
        assertEquals(List.of(new Owner("closes-fds", 20, 20, 4)), index.owners(701));
        assertEquals(4, index.size());
        assertEquals(List.of(), List.copyOf(problems));
    }

    private static Set<Owner> everyOwner(OwnerIndex index) {
        List<Owner> all = new ArrayList<>();
        index.forEach((inode, owner) -> all.add(owner));
        return Set.copyOf(all);
    }

    /** Deletes parts of the fixture just before or after the scan looks at them. */
    private static final class Saboteur implements ProcTree {
        private final ProcTree real;
        private final Path root;

        Saboteur(ProcTree real, Path root) {
            this.real = real;
            this.root = root;
        }

        @Override
        public ProcSession openSession() {
            ProcSession session = real.openSession();
            return new ProcSession() {
                @Override
                public IntList listProcesses() {
                    return session.listProcesses();
                }

                @Override
                public IntList listThreads(int pid) {
                    return session.listThreads(pid);
                }

                @Override
                public FdDirectory openFdDirectory(int id) {
                    if (id == 10 || id == 41) {
                        delete(root.resolve(Integer.toString(id)));  // exited after being listed
                    }
                    FdDirectory directory = session.openFdDirectory(id);
                    if (id == 20) {
                        delete(root.resolve("20/fd/3"));              // closed after the listing
                        delete(root.resolve("20/fd/5"));
                    }
                    return directory;
                }

                @Override
                public void closeFdDirectory(FdDirectory directory) {
                    session.closeFdDirectory(directory);
                }

                @Override
                public long socketInode(FdDirectory directory, int fd) {
                    return session.socketInode(directory, fd);
                }

                @Override
                public int readLink(FdDirectory directory, int fd, byte[] target) {
                    return session.readLink(directory, fd, target);
                }

                @Override
                public int readProcessLink(int pid, String relativePath, byte[] target) {
                    return session.readProcessLink(pid, relativePath, target);
                }

                @Override
                public ProcessName readCommand(int id) {
                    if (id == 30) {
                        delete(root.resolve("30"));                  // exited before its name was read
                    }
                    return session.readCommand(id);
                }

                @Override
                public void close() {
                    session.close();
                }
            };
        }

        @Override
        public void close() {
            real.close();
        }

        /** Removes {@code path} and what is under it, once; workers may race to it. */
        private static synchronized void delete(Path path) {
            if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                return;
            }
            try (Stream<Path> walk = Files.walk(path)) {
                for (Path each : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(each);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
