package io.sockscope.kernel;

/**
 * {@code name_to_handle_at(2)} with room for an 8-byte handle, and the {@code open(2)} of a directory to ask
 * it from: the calls iproute2's {@code get_cgroup2_id} makes to turn a path into a cgroup id. A cgroup2
 * directory's handle is 8 bytes, its cgroup id; other file systems answer with handles of their own (ext4's
 * 8-byte inode and generation) or none ({@code EOVERFLOW} for a longer one, {@code EOPNOTSUPP}).
 *
 * <p>Paths are bytes, as the kernel takes them.
 */
public final class FileHandles {
    /** The directory argument that means the working directory. */
    public static final int AT_FDCWD = Syscalls.AT_FDCWD;

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
        long[] handle = new long[2];
        long result = NativeLayer.syscalls().nameToHandle8(dirfd, path, handle);
        return result < 0 ? new Handle(0, 0, (int) -result) : new Handle(handle[0], (int) handle[1], 0);
    }

    /** {@code open(path, O_RDONLY | O_CLOEXEC)}: a descriptor to {@link #close}, or -errno. */
    public static int openReadOnly(byte[] path) {
        return (int) NativeLayer.syscalls().openat(AT_FDCWD, path, Syscalls.O_RDONLY | Syscalls.O_CLOEXEC);
    }

    /** Closes a descriptor {@link #openReadOnly} gave. */
    public static void close(int fd) {
        NativeLayer.syscalls().close(fd);
    }
}
