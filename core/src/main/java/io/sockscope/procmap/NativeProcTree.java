package io.sockscope.procmap;

import io.sockscope.kernel.Errno;
import io.sockscope.kernel.Syscalls;
import io.sockscope.model.HostOrder;
import io.sockscope.model.ProcessName;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collection;

/**
 * {@link ProcTree} over raw system calls ({@link Syscalls}). The root is opened once and every other file is
 * reached relative to it ({@code openat}), and links relative to their open fd directory ({@code readlinkat}),
 * so the kernel resolves one name per call instead of the whole path ss builds. Directories are read in
 * large {@code getdents64} batches parsed in the heap, with no object per entry. Each session owns its
 * buffers, plain arrays.
 */
final class NativeProcTree implements ProcTree {
    static final int DENTS_BYTES = 32 * 1024;
    static final int STAT_LIMIT = 4096;
    static final int PATH_BYTES = 64;

    /** Offsets in {@code struct linux_dirent64 { u64 d_ino; s64 d_off; u16 d_reclen; u8 d_type; char d_name[]; }}. */
    private static final int DIRENT_RECLEN = 16;
    private static final int DIRENT_NAME = 19;

    private final Syscalls calls;
    private final int rootFd;
    private final Collection<String> problems;

    /**
     * Opens {@code root}. When it cannot be opened the tree is empty and the reason is added to
     * {@code problems}, which also receives failures other than a process vanishing or being forbidden.
     * {@code problems} must accept concurrent additions.
     *
     * @throws LinkageError when the calls cannot be made on this platform (the caller reads /proc with java.nio)
     */
    NativeProcTree(Syscalls calls, Path root, Collection<String> problems) {
        calls.prepareProcScan();
        this.calls = calls;
        this.problems = problems;
        long fd = calls.openat(Syscalls.AT_FDCWD, root.toString().getBytes(fileNameCharset()),
                Syscalls.O_RDONLY | Syscalls.O_CLOEXEC);
        if (fd < 0) {
            problems.add("cannot open " + root + ": " + Errno.name((int) -fd));
        }
        rootFd = (int) Math.max(fd, -1);
    }

    private static Charset fileNameCharset() {
        String name = System.getProperty("sun.jnu.encoding");
        try {
            return name == null ? StandardCharsets.UTF_8 : Charset.forName(name);
        } catch (IllegalArgumentException e) {
            return StandardCharsets.UTF_8;
        }
    }

    @Override
    public ProcSession openSession() {
        return new Session();
    }

    @Override
    public void close() {
        if (rootFd >= 0) {
            calls.close(rootFd);
        }
    }

    /** EPERM or EACCES: the kernel refused us, as opposed to the file being gone. */
    static boolean isPermissionDenied(int errno) {
        return errno == Errno.EPERM || errno == Errno.EACCES;
    }

    /**
     * True for failures that only mean a process or file went away, is not ours to read, or is not what
     * a real /proc would have there; ss skips those without a word and so does the scan.
     */
    static boolean isExpectedDuringScan(int errno) {
        return switch (errno) {
            case Errno.EPERM, Errno.ENOENT, Errno.ESRCH, Errno.EACCES, Errno.ENOTDIR, Errno.EINVAL, Errno.ELOOP -> true;
            default -> false;
        };
    }

    /** One thread's calls relative to the open root, each returning {@code -errno} itself. */
    private final class Session implements ProcSession {
        /** The NUL-terminated relative path of the next {@code openat}. */
        private final byte[] path = new byte[PATH_BYTES];
        private final byte[] data = new byte[DENTS_BYTES];
        private final byte[] linkName = new byte[16];
        private final byte[] linkTarget = new byte[SocketLink.MAX_LENGTH];

        @Override
        public IntList listProcesses() {
            IntList ids = new IntList(512);
            int fd = open(pathOf(0, "."));
            if (fd >= 0) {
                readIds(fd, ids);
                calls.close(fd);
            }
            return ids;
        }

        @Override
        public IntList listThreads(int pid) {
            IntList ids = new IntList(8);
            int fd = open(pathOf(formatDecimal(pid, path), "/task"));
            if (fd >= 0) {
                readIds(fd, ids);
                calls.close(fd);
            }
            return ids;
        }

        @Override
        public FdDirectory openFdDirectory(int id) {
            int fd = open(pathOf(formatDecimal(id, path), "/fd"));
            if (fd < 0) {
                return null;
            }
            IntList fds = new IntList(64);
            readIds(fd, fds);
            return new NativeFdDirectory(fd, fds);
        }

        @Override
        public void closeFdDirectory(FdDirectory directory) {
            calls.close(((NativeFdDirectory) directory).fd);
        }

        @Override
        public long socketInode(FdDirectory directory, int fd) {
            linkName[formatDecimal(fd, linkName)] = 0;
            long length = calls.readlinkat(((NativeFdDirectory) directory).fd, linkName, linkTarget);
            if (length < 0 && isPermissionDenied((int) -length)) {
                directory.forbid();
            }
            return length <= 0 ? 0 : SocketLink.inodeOf(linkTarget, (int) length);
        }

        @Override
        public int readLink(FdDirectory directory, int fd, byte[] target) {
            linkName[formatDecimal(fd, linkName)] = 0;
            long length = calls.readlinkat(((NativeFdDirectory) directory).fd, linkName, target);
            if (length < 0 && isPermissionDenied((int) -length)) {
                directory.forbid();
            }
            return (int) length;
        }

        @Override
        public int readProcessLink(int pid, String relativePath, byte[] target) {
            if (rootFd < 0) {
                return -Errno.ENOENT;
            }
            int length = formatDecimal(pid, path);
            // The pid's digits, a slash, the relative path and a NUL must fit.
            if (length + 2 + relativePath.length() > PATH_BYTES) {
                return -Errno.ENAMETOOLONG;
            }
            path[length++] = '/';
            return (int) calls.readlinkat(rootFd, pathOf(length, relativePath), target);
        }

        @Override
        public ProcessName readCommand(int id) {
            int fd = open(pathOf(formatDecimal(id, path), "/stat"));
            if (fd < 0) {
                return ProcessName.EMPTY;
            }
            int filled = 0;
            while (filled < STAT_LIMIT) {
                long n = calls.read(fd, data, filled, STAT_LIMIT - filled);
                if (n <= 0) {
                    break;
                }
                filled += (int) n;
            }
            calls.close(fd);
            return StatCommand.parse(data, filled);
        }

        @Override
        public void close() {
            // Nothing to free: the buffers are arrays.
        }

        /**
         * Puts {@code suffix} and a NUL after the first {@code prefixLength} bytes of the path buffer (a number
         * formatted there as ss does, {@code %d}, without allocating).
         */
        private byte[] pathOf(int prefixLength, String suffix) {
            int length = prefixLength;
            for (int i = 0; i < suffix.length(); i++) {
                path[length++] = (byte) suffix.charAt(i);
            }
            path[length] = 0;
            return path;
        }

        private int open(byte[] relativePath) {
            if (rootFd < 0) {
                return -1;
            }
            long fd = calls.openat(rootFd, relativePath, Syscalls.O_RDONLY | Syscalls.O_CLOEXEC);
            if (fd < 0) {
                noteUnexpected("openat", (int) -fd);
                return -1;
            }
            return (int) fd;
        }

        /** Appends the numeric names of the open directory {@code fd}, in the order the kernel gives them. */
        private void readIds(int fd, IntList ids) {
            while (true) {
                long got = calls.getdents64(fd, data, data.length);
                if (got <= 0) {
                    if (got < 0) {
                        noteUnexpected("getdents64", (int) -got);
                    }
                    return;
                }
                if (!parseIds(data, (int) got, ids)) {
                    return; // malformed batch; keep what was read
                }
            }
        }

        private void noteUnexpected(String call, int errno) {
            if (!isExpectedDuringScan(errno)) {
                problems.add(call + ": " + Errno.name(errno));
            }
        }
    }

    /**
     * Appends the numeric names in a batch of {@code n} bytes of {@code linux_dirent64} records; false when a
     * record cannot be framed (what was read before it is kept).
     */
    static boolean parseIds(byte[] batch, int n, IntList ids) {
        for (int at = 0; at < n; ) {
            at = readId(batch, at, n, ids);
            if (at < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Reads the record at {@code at} of a batch of {@code n} bytes; returns where the next one starts, or
     * -1 when the record cannot be framed. A call per record, for the JIT (docs/startup.md).
     */
    private static int readId(byte[] batch, int at, int n, IntList ids) {
        int recordLength = HostOrder.u16(batch, at + DIRENT_RECLEN);
        if (recordLength <= DIRENT_NAME || at + recordLength > n) {
            return -1;
        }
        long id = ScanfNumbers.parseInt(batch, at + DIRENT_NAME, at + recordLength);
        if (id != ScanfNumbers.NO_NUMBER) {
            ids.add((int) id);
        }
        return at + recordLength;
    }

    /** Writes {@code value} in decimal at the start of {@code out}; returns the number of bytes written. */
    static int formatDecimal(int value, byte[] out) {
        long v = value;
        int length = 0;
        if (v < 0) {
            out[length++] = '-';
            v = -v;
        }
        int digits = 1;
        for (long rest = v / 10; rest != 0; rest /= 10) {
            digits++;
        }
        for (int i = length + digits - 1; i >= length; i--) {
            out[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        return length + digits;
    }

    /** An open {@code fd/} directory, with its descriptor. */
    static final class NativeFdDirectory extends FdDirectory {
        final int fd;

        NativeFdDirectory(int fd, IntList fds) {
            super(fds);
            this.fd = fd;
        }
    }
}
