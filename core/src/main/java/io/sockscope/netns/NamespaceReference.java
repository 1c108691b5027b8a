package io.sockscope.netns;

import io.sockscope.kernel.BytePaths;
import io.sockscope.kernel.Errno;
import io.sockscope.kernel.NetworkNamespace;
import io.sockscope.model.Netns;
import io.sockscope.model.WarningSink;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * The network namespace a {@code -N} argument names, in one of three ways:
 * <ul>
 *   <li>{@code pid:N} (N a positive decimal number): the namespace process N is in, {@code /proc/N/ns/net};</li>
 *   <li>an argument beginning with {@code /}: that file, which must be a network namespace's (an nsfs bind mount, a
 *       {@code /proc/PID/ns/net}, a {@code /proc/PID/fd/N} held open on one);</li>
 *   <li>anything else: a name under {@code /run/netns}, kept as the bytes it was given, as ss takes it.</li>
 * </ul>
 * {@link #resolve} checks a pid or a path at once and fails with a one-line message; a name is not checked,
 * so that entering it ({@link #enter}) fails exactly as ss's {@code -N NAME} does, with ss's texts
 * ({@link #enterFailure}). {@link #netns()} says what the namespace is (inode, name, a few pids).
 *
 * <p>An instance is immutable. It names a file, not a namespace held open: a process may exit, and a file be
 * unmounted, between resolving and entering, which {@link #enter} then reports.
 */
public final class NamespaceReference {
    /** How the argument names the namespace. */
    public enum Kind {
        /** A name under the named-namespace directory. */
        NAME,
        /** {@code pid:N}. */
        PID,
        /** A path to a namespace file. */
        FILE
    }

    private static final byte[] PID_PREFIX = "pid:".getBytes(StandardCharsets.US_ASCII);
    /** Beyond any pid_max (2^22). */
    private static final int MAX_PID_DIGITS = 9;

    private final Kind kind;
    private final String text;
    private final byte[] name;
    private final int pid;
    private final Path file;
    private final Path procRoot;
    private final Path runDirectory;

    private NamespaceReference(Kind kind, String text, byte[] name, int pid, Path file, Path procRoot,
                               Path runDirectory) {
        this.kind = kind;
        this.text = text;
        this.name = name;
        this.pid = pid;
        this.file = file;
        this.procRoot = procRoot;
        this.runDirectory = runDirectory;
    }

    /** {@link #resolve(String, byte[], Path, Path)} of an argument whose bytes are its text's in UTF-8. */
    public static NamespaceReference resolve(String argument) throws NamespaceReferenceException {
        return resolve(argument, argument.getBytes(StandardCharsets.UTF_8));
    }

    /** {@link #resolve(String, byte[], Path, Path)} under {@code /proc} and {@link NetworkNamespace#RUN_DIRECTORY}. */
    public static NamespaceReference resolve(String text, byte[] argument) throws NamespaceReferenceException {
        return resolve(text, argument, Path.of("/proc"), NetworkNamespace.RUN_DIRECTORY);
    }

    /**
     * Reads a {@code -N} argument and checks a pid or a path.
     *
     * @param text         the argument as messages show it
     * @param argument     the argument's bytes, as typed: a name's file is opened by them
     * @param procRoot     the process tree {@code pid:N} is read in, normally {@code /proc}
     * @param runDirectory where names live, normally {@link NetworkNamespace#RUN_DIRECTORY}
     * @throws NamespaceReferenceException when a pid is malformed or no process has it, or a path is missing or is
     *                                     no network namespace's file
     */
    public static NamespaceReference resolve(String text, byte[] argument, Path procRoot, Path runDirectory)
            throws NamespaceReferenceException {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(procRoot, "procRoot");
        Objects.requireNonNull(runDirectory, "runDirectory");
        byte[] bytes = argument.clone();
        if (startsWith(bytes, PID_PREFIX)) {
            int pid = parsePid(bytes, text);
            Path link = procRoot.resolve(Integer.toString(pid)).resolve("ns").resolve("net");
            checkProcess(pid, link);
            return new NamespaceReference(Kind.PID, text, null, pid, link, procRoot, runDirectory);
        }
        if (bytes.length > 0 && bytes[0] == '/') {
            Path path = reachable(bytes, text);
            checkNamespaceFile(path, text);
            return new NamespaceReference(Kind.FILE, text, null, 0, path, procRoot, runDirectory);
        }
        return new NamespaceReference(Kind.NAME, text, bytes, 0, null, procRoot, runDirectory);
    }

    public Kind kind() {
        return kind;
    }

    /** The argument as messages show it. */
    public String text() {
        return text;
    }

    /**
     * Moves the calling thread into the namespace, as {@link NetworkNamespace} does: only that thread, for good.
     * A name is opened by its bytes under the named-namespace directory, exactly as ss opens it.
     *
     * @throws NetworkNamespace.EnterException when it cannot be opened or entered ({@link #enterFailure} words it)
     */
    public void enter() throws NetworkNamespace.EnterException {
        if (kind == Kind.NAME) {
            NetworkNamespace.enter(runDirectory, name);
        } else {
            NetworkNamespace.enter(file);
        }
    }

    /**
     * Why entering failed, in one line: for a name, ss's own words ({@code Cannot open network namespace "NAME":
     * No such file or directory}, {@code setting the network namespace "NAME" failed: Operation not permitted});
     * the same words for a path or a pid, except that a process gone says {@code no process N}.
     */
    public String enterFailure(NetworkNamespace.EnterException failure) {
        if (kind == Kind.PID && failure.step() == NetworkNamespace.Step.OPEN && isGone(failure.errno())) {
            return noProcess(pid);
        }
        return failure.step() == NetworkNamespace.Step.OPEN
                ? cannotOpen(text, failure.errno())
                : "setting the network namespace \"" + text + "\" failed: " + Errno.message(failure.errno());
    }

    /**
     * The namespace as a listing names it: its inode, its name (a name's own; else its first {@code /run/netns}
     * name in byte order, as discovery names it; else null) and the lowest few pids in it.
     *
     * @throws NamespaceReferenceException when the namespace's file can no longer be read (in the words
     *                                     {@link #enterFailure} would use)
     */
    public Netns netns() throws NamespaceReferenceException {
        NamespaceDiscovery discovery = new NamespaceDiscovery(procRoot, runDirectory, WarningSink.IGNORE);
        long inode = inode();
        String shownName = kind == Kind.NAME ? text : discovery.firstNameOf(inode);
        return new Netns(inode, shownName, discovery.pidsIn(inode));
    }

    private long inode() throws NamespaceReferenceException {
        Path namespaceFile = kind == Kind.NAME ? reachable(joinedName(), text) : file;
        try {
            return NamespaceDiscovery.inodeOf(namespaceFile);
        } catch (NoSuchFileException e) {
            throw new NamespaceReferenceException(kind == Kind.PID ? noProcess(pid) : cannotOpen(text, Errno.ENOENT));
        } catch (AccessDeniedException e) {
            throw new NamespaceReferenceException(cannotOpen(text, Errno.EACCES));
        } catch (IOException e) {
            throw new NamespaceReferenceException("cannot read " + text + ": " + e.getMessage());
        }
    }

    /** The name's file as iproute2 builds it: the directory, a slash and the name's bytes. */
    private byte[] joinedName() {
        byte[] prefix = (runDirectory + "/").getBytes(StandardCharsets.UTF_8);
        byte[] joined = Arrays.copyOf(prefix, prefix.length + name.length);
        System.arraycopy(name, 0, joined, prefix.length, name.length);
        return joined;
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length >= prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }

    /** The N of {@code pid:N}: decimal digits only, positive, within any pid_max. */
    private static int parsePid(byte[] bytes, String text) throws NamespaceReferenceException {
        int from = PID_PREFIX.length;
        int digits = bytes.length - from;
        long value = 0;
        boolean valid = digits > 0 && digits <= MAX_PID_DIGITS;
        for (int i = from; valid && i < bytes.length; i++) {
            valid = bytes[i] >= '0' && bytes[i] <= '9';
            value = value * 10 + (bytes[i] - '0');
        }
        if (!valid || value == 0) {
            throw new NamespaceReferenceException("invalid process id in \"" + text + "\": expected pid:N, N a positive"
                    + " decimal number");
        }
        return (int) value;
    }

    /** Reads the process's link: it must exist and be ours to read. */
    private static void checkProcess(int pid, Path link) throws NamespaceReferenceException {
        try {
            Files.readSymbolicLink(link);
        } catch (NoSuchFileException e) {
            throw new NamespaceReferenceException(noProcess(pid));
        } catch (AccessDeniedException e) {
            throw new NamespaceReferenceException("cannot read the network namespace of process " + pid
                    + ": " + Errno.message(Errno.EACCES));
        } catch (IOException | UnsupportedOperationException e) {
            throw new NamespaceReferenceException("cannot read the network namespace of process " + pid + ": "
                    + e.getMessage());
        }
    }

    /** The file must be a network namespace's; when the kernel cannot be asked here, setns will say. */
    private static void checkNamespaceFile(Path path, String text) throws NamespaceReferenceException {
        NetworkNamespace.FileKind kind;
        try {
            kind = NetworkNamespace.kindOf(path);
        } catch (NetworkNamespace.EnterException e) {
            throw new NamespaceReferenceException(cannotOpen(text, e.errno()));
        } catch (LinkageError | IllegalCallerException | UnsupportedOperationException e) {
            return;
        }
        if (kind != NetworkNamespace.FileKind.NETWORK_NAMESPACE) {
            throw new NamespaceReferenceException(text + " is not a network namespace file");
        }
    }

    /** A path the JDK can open for a file named by bytes ({@link BytePaths#reachable}). */
    private static Path reachable(byte[] bytes, String text) throws NamespaceReferenceException {
        try {
            return BytePaths.reachable(bytes);
        } catch (IOException e) {
            throw new NamespaceReferenceException("Cannot open network namespace \"" + text + "\": " + e.getMessage());
        }
    }

    private static boolean isGone(int errno) {
        return errno == Errno.ENOENT || errno == Errno.ESRCH;
    }

    private static String noProcess(int pid) {
        return "no process " + pid;
    }

    /** ss's words for a namespace file that cannot be opened. */
    private static String cannotOpen(String text, int errno) {
        return "Cannot open network namespace \"" + text + "\": " + Errno.message(errno);
    }
}
