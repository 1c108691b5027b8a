package io.sockscope.kernel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;

/**
 * Moves the calling thread, and only it, into a named network namespace ({@code setns(CLONE_NEWNET)} on the
 * file {@code ip netns add} bind-mounts under {@link #RUN_DIRECTORY}). Netlink sockets the thread opens
 * afterwards, the interface names it resolves and the files it reads under {@code /proc/thread-self/net} are
 * then those of that namespace; the rest of the process stays where it was.
 *
 * <p>A thread that entered a namespace never leaves it: run such work on a thread of its own that ends with
 * the work, never on a pooled thread. Entering needs {@code CAP_SYS_ADMIN} (root).
 *
 * <p>Any file that refers to a network namespace will do, not only a named one: {@code /proc/PID/ns/net}, another
 * bind mount of one, a process's descriptor {@code /proc/PID/fd/N}. {@link #kindOf} says whether a file is one.
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

    /** What a file is to {@code setns}. */
    public enum FileKind {
        /** An nsfs file of a network namespace: it can be entered. */
        NETWORK_NAMESPACE,
        /** An nsfs file of a namespace of another type (mount, pid, user, …). */
        OTHER_NAMESPACE,
        /** No namespace at all: a regular file, a directory, a device. */
        NOT_A_NAMESPACE
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
        enter(RUN_DIRECTORY, name);
    }

    /**
     * {@link #enter(byte[])} for a name in {@code directory} rather than {@link #RUN_DIRECTORY} (the same
     * directory elsewhere, or a test's).
     */
    public static void enter(Path directory, byte[] name) throws EnterException {
        // Joined as bytes, as iproute2 joins its text: an absolute name stays under the directory.
        byte[] prefix = (directory + "/").getBytes(StandardCharsets.UTF_8);
        byte[] path = Arrays.copyOf(prefix, prefix.length + name.length);
        System.arraycopy(name, 0, path, prefix.length, name.length);
        enterFile(path, directory + "/" + new String(name, StandardCharsets.UTF_8));
    }

    /** Moves the calling thread into the network namespace whose file (or {@code /proc/PID/ns/net}) is given. */
    public static void enter(Path namespaceFile) throws EnterException {
        enterFile(namespaceFile.toString().getBytes(StandardCharsets.UTF_8), namespaceFile.toString());
    }

    /**
     * What {@code file} refers to, as the kernel says: the file is opened and asked for its namespace type
     * ({@code ioctl(NS_GET_NSTYPE)}, Linux 4.11). Only a regular file is opened, since every nsfs file is one and
     * opening a FIFO would wait for a writer; anything else is {@link FileKind#NOT_A_NAMESPACE} at once.
     *
     * @throws EnterException (step {@link Step#OPEN}) when the file cannot be opened: missing, not permitted
     */
    public static FileKind kindOf(Path file) throws EnterException {
        String shown = file.toString();
        try {
            if (!Files.readAttributes(file, BasicFileAttributes.class).isRegularFile()) {
                return FileKind.NOT_A_NAMESPACE;
            }
        } catch (NoSuchFileException e) {
            throw new EnterException(Step.OPEN, Errno.ENOENT, shown);
        } catch (AccessDeniedException e) {
            throw new EnterException(Step.OPEN, Errno.EACCES, shown);
        } catch (IOException | SecurityException e) {
            // Anything stranger (a loop, a component that is no directory): the open below names its errno.
        }
        Syscalls calls = NativeLayer.syscalls();
        long fd = calls.openat(Syscalls.AT_FDCWD, shown.getBytes(StandardCharsets.UTF_8),
                Syscalls.O_RDONLY | Syscalls.O_CLOEXEC);
        if (fd < 0) {
            throw new EnterException(Step.OPEN, (int) -fd, shown);
        }
        try {
            long type = calls.namespaceType((int) fd);
            if (type < 0) {
                return FileKind.NOT_A_NAMESPACE;
            }
            return type == Syscalls.CLONE_NEWNET ? FileKind.NETWORK_NAMESPACE : FileKind.OTHER_NAMESPACE;
        } finally {
            calls.close((int) fd);
        }
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
