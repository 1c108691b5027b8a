package io.sockscope.kernel;

/**
 * Every system and C library call sockscope makes, for {@code kernel} and {@code procmap} alike. Two classes
 * implement it, the JNI library's ({@code src/main/c}) and FFM downcalls; {@link NativeLayer#syscalls()}
 * chooses one once per JVM, and says why when it is not the JNI library.
 *
 * <p>Each call returns what the C call returns, or {@code -errno} when it fails. Names, paths and buffers are
 * Java arrays, so that no caller needs native memory (docs/startup.md says why that matters). A path is the
 * bytes of its array up to the first NUL, or all of them when there is none.
 */
public interface Syscalls {
    int AF_NETLINK = 16;
    int SOCK_RAW = 3;
    int SOCK_CLOEXEC = 0x80000;
    int SOL_SOCKET = 1;
    int SO_RCVBUF = 8;
    int SO_RCVTIMEO = 20;
    int SOL_NETLINK = 270;
    int NETLINK_EXT_ACK = 11;
    int MSG_PEEK = 0x2;
    int MSG_TRUNC = 0x20;
    int IF_NAMESIZE = 16;
    int AT_FDCWD = -100;
    int O_RDONLY = 0;
    int O_WRONLY = 1;
    int O_CREAT = 0x40;
    int O_TRUNC = 0x200;
    int O_PATH = 0x200000;
    /** The same value on every Linux architecture (unlike {@code O_DIRECTORY}, which is therefore not used). */
    int O_CLOEXEC = 0x80000;
    int CLONE_NEWNET = 0x40000000;

    // Sockets.

    long socket(int domain, int type, int protocol);

    /** {@code setsockopt} with the option's value given as its bytes in host order. */
    long setsockopt(int fd, int level, int name, byte[] value);

    /** Binds a netlink socket to a kernel-assigned port and to {@code groups} (a bit mask of groups 1 to 32). */
    long bindNetlink(int fd, int groups);

    /** The port id of a bound netlink socket, unsigned. */
    long netlinkPortId(int fd);

    /** Sends the first {@code length} bytes of {@code bytes} as one datagram to the kernel (netlink port 0). */
    long sendToKernel(int fd, byte[] bytes, int length, int flags);

    /**
     * {@code recvmsg} of one datagram into the first {@code length} bytes of {@code buffer} (null with length 0
     * to peek at the size with {@code MSG_PEEK | MSG_TRUNC}); on success {@code meta[0]} is the sender's port id
     * and {@code meta[1]} {@code msg_flags}.
     */
    long receive(int fd, byte[] buffer, int length, int flags, int[] meta);

    // Files and namespaces.

    /** {@code openat(dirfd, path, flags)} without a mode (no {@code O_CREAT}). */
    long openat(int dirfd, byte[] path, int flags);

    /**
     * {@code openat(dirfd, path, flags, mode)} with {@code O_CREAT}: made only for files named by bytes the JDK
     * cannot express ({@link BytePaths}), so the hot {@link #openat} keeps its three arguments.
     */
    long createFile(int dirfd, byte[] path, int flags, int mode);

    /** {@code unlinkat(dirfd, path, flags)}, for the same files as {@link #createFile}. */
    long unlinkat(int dirfd, byte[] path, int flags);

    /** {@code read} into {@code buffer[offset, offset + length)}. */
    long read(int fd, byte[] buffer, int offset, int length);

    /** {@code getdents64} into the first {@code length} bytes of {@code buffer}. */
    long getdents64(int fd, byte[] buffer, int length);

    /**
     * {@code readlinkat} of the NUL-terminated {@code name} into {@code target}, whose length is the room: the
     * call made once per descriptor of every process, so it neither copies nor allocates.
     */
    long readlinkat(int dirfd, byte[] name, byte[] target);

    long close(int fd);

    /**
     * {@code name_to_handle_at(dirfd, path, …, 0)} with room for an 8-byte handle: 0 with {@code handle[0]} the
     * handle's bytes as a host-order value (zero past their count) and {@code handle[1]} their count.
     */
    long nameToHandle8(int dirfd, byte[] path, long[] handle);

    /** {@code setns(fd, nstype)}: moves the calling thread into the namespace {@code fd} refers to. */
    long setns(int fd, int nstype);

    /**
     * {@code ioctl(fd, NS_GET_NSTYPE)} (Linux 4.11): the {@code CLONE_NEW*} type of the namespace an open nsfs file
     * refers to; {@code -ENOTTY} for any other file.
     */
    long namespaceType(int fd);

    // Terminals and network interfaces.

    /** 1 when {@code fd} is a terminal, else 0. */
    long isatty(int fd);

    /** The column count of the terminal on {@code fd} ({@code -ENOTTY}: not a terminal). */
    long terminalColumns(int fd);

    /** Writes the name of interface {@code index} into {@code name} (at least IF_NAMESIZE bytes): its length, or 0. */
    long ifIndexToName(int index, byte[] name);

    /** The index of the interface named by all of {@code name} (no NUL), or 0 when there is none. */
    long ifNameToIndex(byte[] name);

    // The task-file iterator of the owner scan (bpf(2)).

    /**
     * {@code BPF_PROG_LOAD} of an {@code iter/*} tracing program for the function of BTF id {@code attachBtfId};
     * {@code license} is NUL-terminated, {@code name} at most 15 bytes, and {@code log}, when not null, receives
     * the verifier's words.
     */
    long bpfLoadIteratorProgram(byte[] instructions, byte[] license, byte[] name, int attachBtfId, byte[] log);

    /** {@code BPF_LINK_CREATE} of an iterator link over every task. */
    long bpfCreateIteratorLink(int programFd);

    /** {@code BPF_ITER_CREATE}: a readable iterator of the link. */
    long bpfCreateIterator(int linkFd);

    /**
     * Makes ready what the {@code /proc} scan calls ({@code openat}, {@code getdents64}, {@code readlinkat},
     * {@code read}, {@code close}), so that a scan can choose {@code java.nio} instead before it starts.
     *
     * @throws LinkageError when they cannot be called here (an architecture without a known system call table)
     */
    void prepareProcScan();
}
