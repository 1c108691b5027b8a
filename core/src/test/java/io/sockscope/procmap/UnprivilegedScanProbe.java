package io.sockscope.procmap;

import io.sockscope.kernel.NativeLayer;
import io.sockscope.model.ProcessName;

import java.io.IOException;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Run by {@link UnprivilegedScanTest} as an unprivileged user: opens a listener, scans /proc with every
 * way of scanning and prints, per way, the owners of its listener, every pid the scan attributed sockets
 * to, and the warnings it gave. Then, in a fixture whose fd directory may be listed but whose links may
 * not be read (no search permission, which only binds a user who is not root), it counts how many links
 * the scan tried before giving the directory up.
 */
public final class UnprivilegedScanProbe {
    private UnprivilegedScanProbe() {
    }

    public static void main(String[] args) throws Exception {
        try (ServerSocketChannel listener = SsCommand.listenOnLoopback()) {
            long inode = SsCommand.tcpInode(SsCommand.port(listener));
            for (boolean nativeCalls : new boolean[] {false, true}) {
                List<String> warnings = new ArrayList<>();
                OwnerScanner scanner = OwnerScanner.create(warnings::add, 2, nativeCalls);
                OwnerIndex index = scanner.scan(Path.of("/proc"), true);
                TreeSet<Integer> pids = new TreeSet<>();
                index.forEach((socket, owner) -> pids.add(owner.pid()));
                String way = scanner.usesNativeCalls() ? "native" : "nio";
                System.out.println(way + " own " + SsUsers.format(index.owners(inode), false));
                System.out.println(way + " pids " + pids);
                System.out.println(way + " warnings " + warnings);
            }
        }
        for (boolean nativeCalls : new boolean[] {false, true}) {
            forbiddenDirectory(nativeCalls);
        }
    }

    private static void forbiddenDirectory(boolean nativeCalls) throws IOException {
        ProcFixture proc = ProcFixture.create();
        Path forbidden = proc.root().resolve("5/fd");
        try {
            proc.process(5, "protected");
            for (int fd = 0; fd < 3 * TaskScan.CHUNK; fd++) {
                proc.socket(5, fd, 1000 + fd);
            }
            proc.process(6, "open").socket(6, 3, 1000);
            Files.setPosixFilePermissions(forbidden, PosixFilePermissions.fromString("r--r--r--"));
            ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
            AtomicInteger attempts = new AtomicInteger();
            ProcTree real = nativeCalls
                    ? new NativeProcTree(NativeLayer.syscalls(), proc.root(), problems)
                    : new NioProcTree(proc.root(), problems);
            OwnerIndex index;
            try (ProcTree counting = new CountingTree(real, attempts)) {
                index = new ParallelScan(counting, new ScanRequest(false, inode -> true, -1), 2).run();
            }
            System.out.println((nativeCalls ? "native" : "nio") + " forbidden attempts " + attempts.get()
                    + " owners " + SsUsers.format(index.owners(1000), false) + " problems " + problems);
        } finally {
            Files.setPosixFilePermissions(forbidden, PosixFilePermissions.fromString("rwxr-xr-x"));
            proc.close();
        }
    }

    /** Counts the links a scan tries to read. */
    private record CountingTree(ProcTree real, AtomicInteger attempts) implements ProcTree {
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
                    return session.openFdDirectory(id);
                }

                @Override
                public void closeFdDirectory(FdDirectory directory) {
                    session.closeFdDirectory(directory);
                }

                @Override
                public long socketInode(FdDirectory directory, int fd) {
                    attempts.incrementAndGet();
                    return session.socketInode(directory, fd);
                }

                @Override
                public int readLink(FdDirectory directory, int fd, byte[] target) {
                    attempts.incrementAndGet();
                    return session.readLink(directory, fd, target);
                }

                @Override
                public int readProcessLink(int pid, String relativePath, byte[] target) {
                    return session.readProcessLink(pid, relativePath, target);
                }

                @Override
                public ProcessName readCommand(int id) {
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
    }
}
