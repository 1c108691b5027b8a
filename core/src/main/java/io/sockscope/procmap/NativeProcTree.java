package io.sockscope.procmap;

import io.sockscope.model.HostOrder;
import io.sockscope.model.ProcessName;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;

/**
 * {@link ProcTree} over raw system calls. The root is opened once and every other file is reached
 * relative to it ({@code openat}), and links relative to their open fd directory ({@code readlinkat}), so
 * the kernel resolves one name per call instead of the whole path ss builds. Directories are read in
 * large {@code getdents64} batches that are copied to the heap and parsed there, with no object per
 * entry. Each session owns its buffers in a confined arena.
 */
final class NativeProcTree implements ProcTree {
    static final int DENTS_BYTES = 32 * 1024;
    static final int STAT_LIMIT = 4096;
    static final int PATH_BYTES = 64;

    /** Offsets in {@code struct linux_dirent64 { u64 d_ino; s64 d_off; u16 d_reclen; u8 d_type; char d_name[]; }}. */
    private static final int DIRENT_RECLEN = 16;
    private static final int DIRENT_NAME = 19;

    private final int rootFd;
    private final Collection<String> problems;

    /**
     * Opens {@code root}. When it cannot be opened the tree is empty and the reason is added to
     * {@code problems}, which also receives failures other than a process vanishing or being forbidden.
     * {@code problems} must accept concurrent additions.
     */
    NativeProcTree(Path root, Collection<String> problems) {
        Libc.link();
        this.problems = problems;
        byte[] name = root.toString().getBytes(fileNameCharset());
        if (JniCalls.AVAILABLE) {
            long fd = JniCalls.openatArray(Libc.AT_FDCWD, Arrays.copyOf(name, name.length + 1),
                    Libc.O_RDONLY | Libc.O_CLOEXEC);
            if (fd < 0) {
                problems.add("cannot open " + root + ": " + Errno.name((int) -fd));
            }
            rootFd = (int) Math.max(fd, -1);
            return;
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment capture = arena.allocate(Libc.captureLayout());
            MemorySegment path = arena.allocate(name.length + 1L);
            MemorySegment.copy(name, 0, path, ValueLayout.JAVA_BYTE, 0, name.length);
            int fd = Libc.openat(capture, Libc.AT_FDCWD, path, Libc.O_RDONLY | Libc.O_CLOEXEC);
            if (fd < 0) {
                problems.add("cannot open " + root + ": " + Errno.name(Libc.errno(capture)));
            }
            rootFd = fd;
        }
    }

    private static Charset fileNameCharset() {
        String name = System.getProperty("sun.jnu.encoding");
        try {
            return name == null ? StandardCharsets.UTF_8 : Charset.forName(name);
        } catch (IllegalArgumentException e) {
            return StandardCharsets.UTF_8;
        }
    }

    /** A session on segments and the downcalls, or on arrays when the JNI library serves the calls. */
    @Override
    public ProcSession openSession() {
        return JniCalls.AVAILABLE ? new ArrayProcSession(rootFd, problems) : new Session();
    }

    @Override
    public void close() {
        if (rootFd >= 0) {
            if (JniCalls.AVAILABLE) {
                JniCalls.close(rootFd);
                return;
            }
            try (Arena arena = Arena.ofConfined()) {
                Libc.close(arena.allocate(Libc.captureLayout()), rootFd);
            }
        }
    }

    private final class Session implements ProcSession {
        private final Arena arena = Arena.ofConfined();
        private final MemorySegment capture = arena.allocate(Libc.captureLayout());
        private final MemorySegment path = arena.allocate(PATH_BYTES);
        private final byte[] pathBytes = new byte[PATH_BYTES];
        private final MemorySegment data = arena.allocate(DENTS_BYTES, 8);
        private final byte[] dataBytes = new byte[DENTS_BYTES];
        /** Heap buffers the readlinkat call reads the name from and writes the target to. */
        private final byte[] linkName = new byte[16];
        private final MemorySegment linkNameSegment = MemorySegment.ofArray(linkName);
        private final byte[] linkTarget = new byte[SocketLink.MAX_LENGTH];
        private final MemorySegment linkTargetSegment = MemorySegment.ofArray(linkTarget);

        @Override
        public IntList listProcesses() {
            IntList ids = new IntList(512);
            int fd = open(pathOf("."));
            if (fd >= 0) {
                readIds(fd, ids);
                Libc.close(capture, fd);
            }
            return ids;
        }

        @Override
        public IntList listThreads(int pid) {
            IntList ids = new IntList(8);
            int fd = open(pathOf(pid, "/task"));
            if (fd >= 0) {
                readIds(fd, ids);
                Libc.close(capture, fd);
            }
            return ids;
        }

        @Override
        public FdDirectory openFdDirectory(int id) {
            int fd = open(pathOf(id, "/fd"));
            if (fd < 0) {
                return null;
            }
            IntList fds = new IntList(64);
            readIds(fd, fds);
            return new NativeFdDirectory(fd, fds);
        }

        @Override
        public void closeFdDirectory(FdDirectory directory) {
            Libc.close(capture, ((NativeFdDirectory) directory).fd);
        }

        @Override
        public long socketInode(FdDirectory directory, int fd) {
            linkName[formatDecimal(fd, linkName)] = 0;
            int dirFd = ((NativeFdDirectory) directory).fd;
            long length = Libc.readlinkat(dirFd, linkNameSegment, linkTargetSegment, SocketLink.MAX_LENGTH);
            if (length < 0) {
                noteRefusal(directory, dirFd, fd);
            }
            return length <= 0 ? 0 : SocketLink.inodeOf(linkTarget, (int) length);
        }

        /**
         * Learns why reading link {@code fd} failed, which the fast call does not say, by asking again
         * through the errno-capturing call; marks the directory when permission was refused.
         */
        private void noteRefusal(FdDirectory directory, int dirFd, int fd) {
            long again = Libc.readlinkat(capture, dirFd, pathOf(fd, ""), data, SocketLink.MAX_LENGTH);
            if (again < 0 && Errno.isPermissionDenied(Libc.errno(capture))) {
                directory.forbid();
            }
        }

        @Override
        public ProcessName readCommand(int id) {
            int fd = open(pathOf(id, "/stat"));
            if (fd < 0) {
                return ProcessName.EMPTY;
            }
            int filled = 0;
            while (filled < STAT_LIMIT) {
                long n = Libc.read(capture, fd, data.asSlice(filled), STAT_LIMIT - filled);
                if (n <= 0) {
                    break;
                }
                filled += (int) n;
            }
            Libc.close(capture, fd);
            MemorySegment.copy(data, ValueLayout.JAVA_BYTE, 0, dataBytes, 0, filled);
            return StatCommand.parse(dataBytes, filled);
        }

        @Override
        public void close() {
            arena.close();
        }

        /**
         * Puts the NUL-terminated path {@code "<id><suffix>"} in the native path buffer, formatting the
         * number as ss does ({@code %d}) and without allocating.
         */
        private MemorySegment pathOf(int id, String suffix) {
            return appendToPath(formatDecimal(id, pathBytes), suffix);
        }

        /** Puts the NUL-terminated path {@code name} in the native path buffer. */
        private MemorySegment pathOf(String name) {
            return appendToPath(0, name);
        }

        /** Puts {@code suffix} and a NUL after the first {@code prefixLength} bytes of the path buffer. */
        private MemorySegment appendToPath(int prefixLength, String suffix) {
            int length = prefixLength;
            for (int i = 0; i < suffix.length(); i++) {
                pathBytes[length++] = (byte) suffix.charAt(i);
            }
            pathBytes[length++] = 0;
            MemorySegment.copy(pathBytes, 0, path, ValueLayout.JAVA_BYTE, 0, length);
            return path;
        }

        private int open(MemorySegment relativePath) {
            if (rootFd < 0) {
                return -1;
            }
            int fd = Libc.openat(capture, rootFd, relativePath, Libc.O_RDONLY | Libc.O_CLOEXEC);
            if (fd < 0) {
                noteUnexpected("openat", Libc.errno(capture));
            }
            return fd;
        }

        /** Appends the numeric names of the open directory {@code fd}, in the order the kernel gives them. */
        private void readIds(int fd, IntList ids) {
            while (true) {
                long got = Libc.getdents64(capture, fd, data, DENTS_BYTES);
                if (got <= 0) {
                    if (got < 0) {
                        noteUnexpected("getdents64", Libc.errno(capture));
                    }
                    return;
                }
                int n = (int) got;
                MemorySegment.copy(data, ValueLayout.JAVA_BYTE, 0, dataBytes, 0, n);
                if (!parseIds(dataBytes, n, ids)) {
                    return; // malformed batch; keep what was read
                }
            }
        }

        private void noteUnexpected(String call, int errno) {
            if (!Errno.isExpectedDuringScan(errno)) {
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
     * -1 when the record cannot be framed. A call per record so that the JIT compiles it after a few
     * hundred entries, where the loop over a large directory would run tens of thousands interpreted.
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

    /** An open {@code fd/} directory of either kind of session, with its descriptor. */
    static final class NativeFdDirectory extends FdDirectory {
        final int fd;

        NativeFdDirectory(int fd, IntList fds) {
            super(fds);
            this.fd = fd;
        }
    }
}
