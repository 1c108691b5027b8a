package io.sockscope.procmap;

import io.sockscope.model.ProcessName;

import java.util.Collection;

/**
 * A {@link ProcSession} of {@link NativeProcTree} over the JNI library's array calls, used when that library
 * is loaded: the same system calls relative to the same open root as the session on segments, with every
 * name and buffer a plain array, so a scan creates no native segment and never pays for the foreign-memory
 * API's first use (tens of milliseconds of a fresh JVM). Each call returns {@code -errno} itself, so no
 * call is repeated to learn why it failed.
 */
final class ArrayProcSession implements ProcSession {
    private final int rootFd;
    private final Collection<String> problems;
    /** The NUL-terminated relative path of the next {@code openat}. */
    private final byte[] path = new byte[NativeProcTree.PATH_BYTES];
    private final byte[] data = new byte[NativeProcTree.DENTS_BYTES];
    private final byte[] linkName = new byte[16];
    private final byte[] linkTarget = new byte[SocketLink.MAX_LENGTH];

    /** A session relative to {@code rootFd} (negative when the root could not be opened: everything is empty). */
    ArrayProcSession(int rootFd, Collection<String> problems) {
        this.rootFd = rootFd;
        this.problems = problems;
    }

    @Override
    public IntList listProcesses() {
        IntList ids = new IntList(512);
        int fd = open(pathOf(0, "."));
        if (fd >= 0) {
            readIds(fd, ids);
            JniCalls.close(fd);
        }
        return ids;
    }

    @Override
    public IntList listThreads(int pid) {
        IntList ids = new IntList(8);
        int fd = open(pathOf(NativeProcTree.formatDecimal(pid, path), "/task"));
        if (fd >= 0) {
            readIds(fd, ids);
            JniCalls.close(fd);
        }
        return ids;
    }

    @Override
    public FdDirectory openFdDirectory(int id) {
        int fd = open(pathOf(NativeProcTree.formatDecimal(id, path), "/fd"));
        if (fd < 0) {
            return null;
        }
        IntList fds = new IntList(64);
        readIds(fd, fds);
        return new NativeProcTree.NativeFdDirectory(fd, fds);
    }

    @Override
    public void closeFdDirectory(FdDirectory directory) {
        JniCalls.close(((NativeProcTree.NativeFdDirectory) directory).fd);
    }

    @Override
    public long socketInode(FdDirectory directory, int fd) {
        linkName[NativeProcTree.formatDecimal(fd, linkName)] = 0;
        int dirFd = ((NativeProcTree.NativeFdDirectory) directory).fd;
        long length = JniCalls.readlinkatArrays(dirFd, linkName, linkTarget, SocketLink.MAX_LENGTH);
        if (length < 0 && Errno.isPermissionDenied((int) -length)) {
            directory.forbid();
        }
        return length <= 0 ? 0 : SocketLink.inodeOf(linkTarget, (int) length);
    }

    @Override
    public ProcessName readCommand(int id) {
        int fd = open(pathOf(NativeProcTree.formatDecimal(id, path), "/stat"));
        if (fd < 0) {
            return ProcessName.EMPTY;
        }
        int filled = 0;
        while (filled < NativeProcTree.STAT_LIMIT) {
            long n = JniCalls.readArray(fd, data, filled, NativeProcTree.STAT_LIMIT - filled);
            if (n <= 0) {
                break;
            }
            filled += (int) n;
        }
        JniCalls.close(fd);
        return StatCommand.parse(data, filled);
    }

    @Override
    public void close() {
        // Nothing native to free: the buffers are arrays.
    }

    /** Puts {@code suffix} and a NUL after the first {@code prefixLength} bytes of the path buffer. */
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
        long fd = JniCalls.openatArray(rootFd, relativePath, Libc.O_RDONLY | Libc.O_CLOEXEC);
        if (fd < 0) {
            noteUnexpected("openat", (int) -fd);
            return -1;
        }
        return (int) fd;
    }

    /** Appends the numeric names of the open directory {@code fd}, in the order the kernel gives them. */
    private void readIds(int fd, IntList ids) {
        while (true) {
            long got = JniCalls.getdents64Array(fd, data, data.length);
            if (got <= 0) {
                if (got < 0) {
                    noteUnexpected("getdents64", (int) -got);
                }
                return;
            }
            if (!NativeProcTree.parseIds(data, (int) got, ids)) {
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
