package io.sockscope.kernel;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Moves the calling thread, and only it, into a named network namespace ({@code setns(CLONE_NEWNET)} on the
 * file {@code ip netns add} bind-mounts under {@link #RUN_DIRECTORY}). Netlink sockets the thread opens
 * afterwards, the interface names it resolves and the files it reads under {@code /proc/thread-self/net} are
 * then those of that namespace; the rest of the process stays where it was.
 *
 * <p>A thread that entered a namespace never leaves it: run such work on a thread of its own that ends with
 * the work, never on a pooled thread. Entering needs {@code CAP_SYS_ADMIN} (root).
 */
public final class NetworkNamespace {
    /** Where iproute2 keeps named network namespaces (the path Debian's ss is built with). */
    public static final Path RUN_DIRECTORY = Path.of("/run/netns");

    private NetworkNamespace() {
    }

    /** Which step of entering failed. */
    public enum Step {
        /** Opening the namespace file (no such namespace, no permission). */
        OPEN,
        /** The {@code setns} call (not privileged, not a network namespace). */
        SETNS
    }

    /** Entering a namespace failed; {@link #step()} and {@link #errno()} say where and why. */
    public static final class EnterException extends Exception {
        private static final long serialVersionUID = 1L;

        private final transient Step step;
        private final int errno;

        EnterException(Step step, int errno, String file) {
            super((step == Step.OPEN ? "open " : "setns ") + file + ": " + Errno.name(errno));
            this.step = step;
            this.errno = errno;
        }

        public Step step() {
            return step;
        }

        /** The errno of the failed call (positive). */
        public int errno() {
            return errno;
        }
    }

    /**
     * Moves the calling thread into the network namespace called {@code name} (a file in
     * {@link #RUN_DIRECTORY}).
     *
     * @throws EnterException when the namespace cannot be opened or entered; the thread has not moved then
     */
    public static void enter(String name) throws EnterException {
        enter(name.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * {@link #enter(String)} for a name given as the bytes the file is called: a name need not be valid in
     * the locale's character set, nor in any.
     */
    public static void enter(byte[] name) throws EnterException {
        // Joined as bytes, as iproute2 joins its text: an absolute name stays under the directory.
        byte[] directory = (RUN_DIRECTORY + "/").getBytes(StandardCharsets.US_ASCII);
        byte[] path = Arrays.copyOf(directory, directory.length + name.length);
        System.arraycopy(name, 0, path, directory.length, name.length);
        enterFile(path, RUN_DIRECTORY + "/" + new String(name, StandardCharsets.UTF_8));
    }

    /** Moves the calling thread into the network namespace whose file (or {@code /proc/PID/ns/net}) is given. */
    public static void enter(Path namespaceFile) throws EnterException {
        enterFile(namespaceFile.toString().getBytes(StandardCharsets.UTF_8), namespaceFile.toString());
    }

    private static void enterFile(byte[] path, String shown) throws EnterException {
        Syscalls calls = NativeLayer.syscalls();
        long fd = calls.openat(Syscalls.AT_FDCWD, path, Syscalls.O_RDONLY | Syscalls.O_CLOEXEC);
        if (fd < 0) {
            throw new EnterException(Step.OPEN, (int) -fd, shown);
        }
        try {
            long entered = calls.setns((int) fd, Syscalls.CLONE_NEWNET);
            if (entered < 0) {
                throw new EnterException(Step.SETNS, (int) -entered, shown);
            }
        } finally {
            calls.close((int) fd);
        }
    }
}
