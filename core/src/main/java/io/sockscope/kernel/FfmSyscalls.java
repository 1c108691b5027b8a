package io.sockscope.kernel;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * {@link Syscalls} through FFM downcalls ({@link LibcDowncalls}), for a JVM without sockscope's JNI library.
 * Each call copies its arrays into native memory of a confined arena of its own and back, except
 * {@link #readlinkat}, which the kernel reads and writes in place.
 */
final class FfmSyscalls implements Syscalls {
    private static final long TIOCGWINSZ = 0x5413;
    /** {@code _IO(0xb7, 0x3)}, {@code <linux/nsfs.h>}. */
    private static final long NS_GET_NSTYPE = 0xb703;

    FfmSyscalls() {
    }

    @Override
    public long socket(int domain, int type, int protocol) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = state(arena);
            return outcome(state, LibcDowncalls.socket(state, domain, type, protocol));
        }
    }

    @Override
    public long setsockopt(int fd, int level, int name, byte[] value) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = state(arena);
            MemorySegment bytes = copy(arena, value, value.length);
            return outcome(state, LibcDowncalls.setsockopt(state, fd, level, name, bytes, value.length));
        }
    }

    @Override
    public long bindNetlink(int fd, int groups) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = state(arena);
            MemorySegment address = arena.allocate(MessageHeader.SOCKADDR_NL);
            address.set(ValueLayout.JAVA_SHORT, MessageHeader.NL_FAMILY, (short) AF_NETLINK);
            address.set(ValueLayout.JAVA_INT, MessageHeader.NL_GROUPS, groups);
            return outcome(state, LibcDowncalls.bind(state, fd, address, MessageHeader.SOCKADDR_NL_SIZE));
        }
    }

    @Override
    public long netlinkPortId(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = state(arena);
            MemorySegment address = arena.allocate(MessageHeader.SOCKADDR_NL);
            MemorySegment length = arena.allocate(ValueLayout.JAVA_INT);
            length.set(ValueLayout.JAVA_INT, 0, MessageHeader.SOCKADDR_NL_SIZE);
            if (LibcDowncalls.getsockname(state, fd, address, length) < 0) {
                return -LibcDowncalls.errno(state);
            }
            return Integer.toUnsignedLong(address.get(ValueLayout.JAVA_INT, MessageHeader.NL_PID));
        }
    }

    @Override
    public long sendToKernel(int fd, byte[] bytes, int length, int flags) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = state(arena);
            MemorySegment msghdr = new MessageHeader(arena).prepare(copy(arena, bytes, length));
            return outcome(state, LibcDowncalls.sendmsg(state, fd, msghdr, flags));
        }
    }

    @Override
    public long receive(int fd, byte[] buffer, int length, int flags, int[] meta) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = state(arena);
            MessageHeader header = new MessageHeader(arena);
            MemorySegment into = length > 0 ? arena.allocate(length, 8) : MemorySegment.NULL;
            long received = LibcDowncalls.recvmsg(state, fd, header.prepare(into), flags);
            if (received < 0) {
                return -LibcDowncalls.errno(state);
            }
            if (length > 0) {
                MemorySegment.copy(into, ValueLayout.JAVA_BYTE, 0, buffer, 0, (int) Math.min(received, length));
            }
            meta[0] = header.senderPortId();
            meta[1] = header.receivedFlags();
            return received;
        }
    }

    @Override
    public long openat(int dirfd, byte[] path, int flags) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = state(arena);
            return outcome(state, LibcDowncalls.openat(state, dirfd, cString(arena, path), flags));
        }
    }

    @Override
    public long createFile(int dirfd, byte[] path, int flags, int mode) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = state(arena);
            return outcome(state, LibcDowncalls.openat(state, dirfd, cString(arena, path), flags, mode));
        }
    }

    @Override
    public long unlinkat(int dirfd, byte[] path, int flags) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = state(arena);
            return outcome(state, LibcDowncalls.unlinkat(state, dirfd, cString(arena, path), flags));
        }
    }

    @Override
    public long read(int fd, byte[] buffer, int offset, int length) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = state(arena);
            MemorySegment into = arena.allocate(Math.max(length, 1));
            long n = LibcDowncalls.read(state, fd, into, length);
            return copiedOut(state, n, into, buffer, offset);
        }
    }

    @Override
    public long getdents64(int fd, byte[] buffer, int length) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = state(arena);
            MemorySegment into = arena.allocate(Math.max(length, 1), 8);
            long n = LibcDowncalls.getdents64(state, fd, into, length);
            return copiedOut(state, n, into, buffer, 0);
        }
    }

    @Override
    public long readlinkat(int dirfd, byte[] name, byte[] target) {
        long length = LibcDowncalls.readlinkatCritical(dirfd, MemorySegment.ofArray(name),
                MemorySegment.ofArray(target), target.length);
        if (length >= 0) {
            return length;
        }
        // The fast call keeps no errno: learn it, for the rare failure, by asking again through the general one.
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = state(arena);
            MemorySegment into = arena.allocate(target.length);
            long again = LibcDowncalls.readlinkat(state, dirfd, cString(arena, name), into, target.length);
            return copiedOut(state, again, into, target, 0);
        }
    }

    @Override
    public long close(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = state(arena);
            return outcome(state, LibcDowncalls.close(state, fd));
        }
    }

    @Override
    public long nameToHandle8(int dirfd, byte[] path, long[] handle) {
        // struct file_handle { unsigned int handle_bytes; int handle_type; unsigned char f_handle[]; }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = state(arena);
            MemorySegment fileHandle = arena.allocate(8 + 8, 8);
            fileHandle.set(ValueLayout.JAVA_INT, 0, 8);
            MemorySegment mountId = arena.allocate(ValueLayout.JAVA_INT);
            if (LibcDowncalls.nameToHandleAt(state, dirfd, cString(arena, path), fileHandle, mountId, 0) < 0) {
                return -LibcDowncalls.errno(state);
            }
            handle[0] = fileHandle.get(ValueLayout.JAVA_LONG, 8);
            handle[1] = fileHandle.get(ValueLayout.JAVA_INT, 0);
            return 0;
        }
    }

    @Override
    public long setns(int fd, int nstype) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = state(arena);
            return outcome(state, LibcDowncalls.setns(state, fd, nstype));
        }
    }

    @Override
    public long namespaceType(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = state(arena);
            // The request takes no argument; the variadic slot is passed as NULL and never read.
            return outcome(state, LibcDowncalls.ioctl(state, fd, NS_GET_NSTYPE, MemorySegment.NULL));
        }
    }

    @Override
    public long isatty(int fd) {
        return LibcDowncalls.isatty(fd);
    }

    @Override
    public long terminalColumns(int fd) {
        if (LibcDowncalls.isatty(fd) != 1) {
            return -Errno.ENOTTY;
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = state(arena);
            // struct winsize { unsigned short ws_row, ws_col, ws_xpixel, ws_ypixel; }
            MemorySegment winsize = arena.allocate(8, 2);
            if (LibcDowncalls.ioctl(state, fd, TIOCGWINSZ, winsize) < 0) {
                return -LibcDowncalls.errno(state);
            }
            return Short.toUnsignedInt(winsize.get(ValueLayout.JAVA_SHORT, 2));
        }
    }

    @Override
    public long ifIndexToName(int index, byte[] name) {
        if (name.length < IF_NAMESIZE) {
            return 0;
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(IF_NAMESIZE);
            if (LibcDowncalls.ifIndexToName(index, buffer).equals(MemorySegment.NULL)) {
                return 0;
            }
            int length = 0;
            while (length < IF_NAMESIZE && buffer.get(ValueLayout.JAVA_BYTE, length) != 0) {
                length++;
            }
            MemorySegment.copy(buffer, ValueLayout.JAVA_BYTE, 0, name, 0, length);
            return length;
        }
    }

    @Override
    public long ifNameToIndex(byte[] name) {
        if (name.length == 0 || name.length >= IF_NAMESIZE) {
            return 0;
        }
        try (Arena arena = Arena.ofConfined()) {
            return Integer.toUnsignedLong(LibcDowncalls.ifNameToIndex(cString(arena, name)));
        }
    }

    @Override
    public long bpfLoadIteratorProgram(byte[] instructions, byte[] license, byte[] name, int attachBtfId,
                                       byte[] log) {
        return FfmBpf.loadIteratorProgram(instructions, license, name, attachBtfId, log);
    }

    @Override
    public long bpfCreateIteratorLink(int programFd) {
        return FfmBpf.createIteratorLink(programFd);
    }

    @Override
    public long bpfCreateIterator(int linkFd) {
        return FfmBpf.createIterator(linkFd);
    }

    @Override
    public void prepareProcScan() {
        LibcDowncalls.linkProcScan();
    }

    static MemorySegment state(Arena arena) {
        return arena.allocate(LibcDowncalls.callStateLayout());
    }

    /** A call's result in this interface's convention: {@code -errno} when the C call returned -1. */
    static long outcome(MemorySegment state, long result) {
        return result < 0 ? -LibcDowncalls.errno(state) : result;
    }

    /** The first {@code length} bytes of {@code bytes} in native memory. */
    static MemorySegment copy(Arena arena, byte[] bytes, int length) {
        MemorySegment copy = arena.allocate(Math.max(length, 1), 8);
        MemorySegment.copy(bytes, 0, copy, ValueLayout.JAVA_BYTE, 0, length);
        return copy.asSlice(0, length);
    }

    /** The bytes with a NUL after them; C stops at the first NUL, as it would for a path read from argv. */
    static MemorySegment cString(Arena arena, byte[] bytes) {
        MemorySegment text = arena.allocate(bytes.length + 1L);
        MemorySegment.copy(bytes, 0, text, ValueLayout.JAVA_BYTE, 0, bytes.length);
        return text;
    }

    /** A read's outcome, its {@code n} bytes copied from {@code from} into {@code to} at {@code offset}. */
    private static long copiedOut(MemorySegment state, long n, MemorySegment from, byte[] to, int offset) {
        if (n < 0) {
            return -LibcDowncalls.errno(state);
        }
        MemorySegment.copy(from, ValueLayout.JAVA_BYTE, 0, to, offset, (int) n);
        return n;
    }
}
