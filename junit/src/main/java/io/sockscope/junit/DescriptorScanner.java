package io.sockscope.junit;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The extension's fast path: which sockets this JVM and its descendants hold, read from their
 * {@code /proc/PID/fd} links ({@code socket:[INODE]}) with the JDK alone. No netlink: a test that leaves the set as
 * it found it costs two of these scans.
 */
final class DescriptorScanner {
    private static final String SOCKET_PREFIX = "socket:[";

    private final Path proc;
    private final ProcessTree tree;
    private final long self = ProcessHandle.current().pid();

    DescriptorScanner(Path proc) {
        this.proc = proc;
        this.tree = new ProcessTree(proc);
        warmUpJdkSockets();
    }

    /**
     * The JDK's first socket makes it open a socket pair it keeps for the JVM's life (the pre-close descriptor its
     * socket dispatchers dup2 over a descriptor another thread is blocked on, when that is closed). Made here, before
     * any scan, it is in every "before" and never counts against the test that happened to open the first socket.
     */
    private static void warmUpJdkSockets() {
        try {
            SocketChannel.open().close();
        } catch (IOException | UnsupportedOperationException e) {
            // No sockets at all: then there is no pair either, and nothing to leak.
        }
    }

    /** {@return whether this JVM's descriptors can be read at all (a Linux {@code /proc})} */
    boolean readable() {
        return Files.isDirectory(proc.resolve(Long.toString(self)).resolve("fd"));
    }

    ProcessTree tree() {
        return tree;
    }

    /** {@return the sockets this JVM and its descendants hold now} */
    HeldSockets scan() {
        Map<Long, List<HeldSockets.Descriptor>> held = new LinkedHashMap<>();
        scanProcess(self, held);
        for (long child : tree.descendantsOf(self)) {
            scanProcess(child, held);
        }
        return held.isEmpty() ? HeldSockets.NONE : new HeldSockets(held);
    }

    private void scanProcess(long pid, Map<Long, List<HeldSockets.Descriptor>> into) {
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(proc.resolve(Long.toString(pid)).resolve("fd"))) {
            for (Path fd : fds) {
                long inode = socketInode(fd);
                if (inode >= 0) {
                    into.computeIfAbsent(inode, k -> new ArrayList<>(1))
                            .add(new HeldSockets.Descriptor(pid, Integer.parseInt(fd.getFileName().toString())));
                }
            }
        } catch (IOException e) {
            // The process exited during the scan, or is another user's: what it holds is not this JVM's to count.
        }
    }

    private static long socketInode(Path fd) {
        String target;
        try {
            target = Files.readSymbolicLink(fd).toString();
        } catch (IOException e) {
            return -1; // closed since the directory was listed (the directory stream's own descriptor among them)
        }
        if (!target.startsWith(SOCKET_PREFIX) || !target.endsWith("]")) {
            return -1;
        }
        try {
            return Long.parseLong(target, SOCKET_PREFIX.length(), target.length() - 1, 10);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
