package io.sockscope.kernel;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * {@code name_to_handle_at(2)} with room for an 8-byte handle, and the {@code open(2)} of a directory to ask
 * it from: the calls iproute2's {@code get_cgroup2_id} makes to turn a path into a cgroup id. A cgroup2
 * directory's handle is 8 bytes, its cgroup id; other file systems answer with handles of their own (ext4's
 * 8-byte inode and generation) or none ({@code EOVERFLOW} for a longer one, {@code EOPNOTSUPP}).
 *
 * <p>Paths are bytes, as the kernel takes them. Each call goes through the JNI library when it is loaded,
 * and through FFM downcalls otherwise, with the same results.
 */
public final class FileHandles {
    /** The directory argument that means the working directory. */
    public static final int AT_FDCWD = Libc.AT_FDCWD;

    private static final int HANDLE_ROOM = 8;
    // struct file_handle { unsigned int handle_bytes; int handle_type; unsigned char f_handle[]; }
    private static final long HANDLE_BYTES = 0;
    private static final long F_HANDLE = 8;

    private FileHandles() {
    }

    /**
     * What the kernel answered.
     *
     * @param value  the handle's bytes as a host-order 64-bit value, zero past {@code length}; 0 on failure
     * @param length how many bytes the handle has (at most 8 on success)
     * @param errno  0 on success, else why there is no handle
     */
    public record Handle(long value, int length, int errno) {
        /** Whether the call succeeded. */
        public boolean found() {
            return errno == 0;
        }
    }

    /** {@code name_to_handle_at(dirfd, path, {handle_bytes = 8}, &mount_id, 0)}: the final link is not followed. */
    public static Handle of(int dirfd, byte[] path) {
        if (JniCalls.AVAILABLE) {
            long[] handle = new long[2];
            long result = JniCalls.nameToHandle8(dirfd, path, handle);
            return result < 0 ? new Handle(0, 0, (int) -result) : new Handle(handle[0], (int) handle[1], 0);
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Libc.callStateLayout());
            MemorySegment handle = arena.allocate(F_HANDLE + HANDLE_ROOM, 8);
            handle.set(ValueLayout.JAVA_INT, HANDLE_BYTES, HANDLE_ROOM);
            MemorySegment mountId = arena.allocate(ValueLayout.JAVA_INT);
            if (Libc.nameToHandleAt(state, dirfd, cString(arena, path), handle, mountId, 0) < 0) {
                return new Handle(0, 0, Libc.errno(state));
            }
            int length = handle.get(ValueLayout.JAVA_INT, HANDLE_BYTES);
            return new Handle(handle.get(ValueLayout.JAVA_LONG, F_HANDLE), length, 0);
        }
    }

    /** {@code open(path, O_RDONLY | O_CLOEXEC)}: a descriptor to {@link #close}, or -errno. */
    public static int openReadOnly(byte[] path) {
        int flags = Libc.O_RDONLY | Libc.O_CLOEXEC;
        if (JniCalls.AVAILABLE) {
            return (int) JniCalls.openatArray(AT_FDCWD, path, flags);
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Libc.callStateLayout());
            int fd = Libc.openat(state, AT_FDCWD, cString(arena, path), flags);
            return fd < 0 ? -Libc.errno(state) : fd;
        }
    }

    /** Closes a descriptor {@link #openReadOnly} gave. */
    public static void close(int fd) {
        Libc.close(fd);
    }

    /** The bytes with a NUL after them; C stops at the first NUL, as it would for a path read from argv. */
    private static MemorySegment cString(Arena arena, byte[] path) {
        MemorySegment text = arena.allocate(path.length + 1L);
        MemorySegment.copy(path, 0, text, ValueLayout.JAVA_BYTE, 0, path.length);
        return text;
    }
}
