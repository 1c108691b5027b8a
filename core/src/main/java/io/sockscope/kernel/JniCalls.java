package io.sockscope.kernel;

/**
 * The C library calls of {@link Libc} through sockscope's JNI library ({@code src/main/c}), used instead of
 * FFM downcalls when that library is present. Binding a JNI method costs a symbol lookup, whereas FFM spins
 * a stub and a dozen method-handle classes for each call shape: about a tenth of a second in a fresh JVM,
 * more than everything else a quiet {@code sockscope -tln} does.
 *
 * <p>The library is the file {@link JniLoader} loads. Whether it is used is decided once: it is not when the
 * property is unset, the file does not load, native access is not granted, or the file was built for another
 * version of these classes ({@link JniLoader#usable()}); {@link Libc} then links FFM downcalls as before.
 *
 * <p>Every call returns the C call's result, or {@code -errno} when it failed. Pointer arguments are the
 * addresses of native segments the caller keeps alive during the call. The calls that take arrays are what
 * a listing uses ({@link ArraySocketExchange}, {@link TerminalWidth}, {@link InterfaceNames}): with them it
 * creates no segment at all, and so never pays for the foreign-memory API's first use in a fresh JVM.
 */
final class JniCalls {
    /** Whether the library is loaded and of the right version. */
    static final boolean AVAILABLE = JniLoader.usable();

    private JniCalls() {
    }

    static native long socket(int domain, int type, int protocol);

    static native long bind(int fd, long address, int addressLength);

    static native long getsockname(int fd, long address, long addressLength);

    static native long setsockopt(int fd, int level, int name, long value, int length);

    static native long sendmsg(int fd, long msghdr, int flags);

    static native long recvmsg(int fd, long msghdr, int flags);

    static native long openat(int dirfd, long path, int flags);

    static native long setns(int fd, int nstype);

    static native long close(int fd);

    static native long isatty(int fd);

    static native long ioctl(int fd, long request, long argument);

    /** 1 when the interface exists (its name is then in {@code buffer}), else 0. */
    static native long ifIndexToName(int index, long buffer);

    static native long ifNameToIndex(long name);

    static native long setsockoptInt(int fd, int level, int name, int value);

    /** Binds a netlink socket to a kernel-assigned port and to {@code groups} (a bit mask of groups 1 to 32). */
    static native long bindNetlink(int fd, int groups);

    /** The port id of a bound netlink socket, unsigned, or {@code -errno}. */
    static native long netlinkPortId(int fd);

    /** Sends the first {@code length} bytes of {@code bytes} to the kernel (netlink port 0), copied first. */
    static native long sendToKernel(int fd, byte[] bytes, int length, int flags);

    /**
     * {@code recvmsg} of one datagram into the first {@code length} bytes of {@code buffer} (null with length 0
     * to peek at the size); on success {@code meta[0]} is the sender's port id and {@code meta[1]} {@code msg_flags}.
     */
    static native long receive(int fd, byte[] buffer, int length, int flags, int[] meta);

    /** The column count of the terminal on {@code fd}, or {@code -errno} ({@code ENOTTY}: not a terminal). */
    static native long terminalColumns(int fd);

    /** The name of interface {@code index} written into {@code name} (at least IF_NAMESIZE bytes): its length, or 0. */
    static native long ifIndexToNameArray(int index, byte[] name);

    /** The index of the interface named by all of {@code name} (no NUL), or 0 when there is none. */
    static native long ifNameToIndexArray(byte[] name);

    /** {@code openat(dirfd, path, flags)} of the path that is all of {@code path} (no NUL): a descriptor or -errno. */
    static native long openatArray(int dirfd, byte[] path, int flags);

    /**
     * {@code name_to_handle_at(dirfd, path, …, 0)} with room for 8 handle bytes, {@code path} being all of the
     * array (no NUL): 0 with {@code handle[0]} the bytes as a host-order value (zero past their length) and
     * {@code handle[1]} their count, or -errno.
     */
    static native long nameToHandle8(int dirfd, byte[] path, long[] handle);
}
