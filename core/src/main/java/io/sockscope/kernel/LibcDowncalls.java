package io.sockscope.kernel;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Objects;

/**
 * The C library functions {@link FfmSyscalls} calls, as FFM downcalls on native segments. The calls that can
 * fail leave {@code errno} in a caller-supplied state segment (laid out as {@link #callStateLayout}), read back
 * with {@link #errno}. Each handle is linked the first time it is used (a holder class per function; see
 * docs/startup.md). The calls of the owner scan, {@code openat} and {@code close} go through {@code syscall},
 * whose numbers differ by architecture ({@link SyscallNumbers}): on an architecture without a table their
 * first use throws a {@link LinkageError}, and the owner scan reads /proc with java.nio instead.
 */
final class LibcDowncalls {
    private LibcDowncalls() {
    }

    private static final class CallState {
        static final StructLayout LAYOUT = Linker.Option.captureStateLayout();
        static final long ERRNO_OFFSET = LAYOUT.byteOffset(MemoryLayout.PathElement.groupElement("errno"));
    }

    /** Linker, lookup and errno capture, shared by the handles and created with the first of them. */
    private static final class Linkage {
        static final Linker LINKER = Linker.nativeLinker();
        static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");

        // Linking is the one restricted operation; the descriptors below are checked against the C prototypes.
        @SuppressWarnings("restricted")
        static MethodHandle link(String name, FunctionDescriptor descriptor, Linker.Option... options) {
            MemorySegment symbol = LINKER.defaultLookup().find(name)
                    .orElseThrow(() -> new UnsatisfiedLinkError("libc has no " + name));
            return LINKER.downcallHandle(symbol, descriptor, options);
        }

        static MethodHandle capturingErrno(String name, FunctionDescriptor descriptor) {
            return link(name, descriptor, CAPTURE_ERRNO);
        }
    }

    private static final ValueLayout INT = ValueLayout.JAVA_INT;
    private static final ValueLayout LONG = ValueLayout.JAVA_LONG;
    private static final ValueLayout POINTER = ValueLayout.ADDRESS;
    // Few distinct shapes on purpose: the linker generates one stub per shape.
    private static final FunctionDescriptor INT_PTR_INT_TO_INT = FunctionDescriptor.of(INT, INT, POINTER, INT);
    private static final FunctionDescriptor INT_PTR_INT_TO_LONG = FunctionDescriptor.of(LONG, INT, POINTER, INT);

    private static final class Socket {
        static final MethodHandle H = Linkage.capturingErrno("socket", FunctionDescriptor.of(INT, INT, INT, INT));
    }

    private static final class Bind {
        static final MethodHandle H = Linkage.capturingErrno("bind", INT_PTR_INT_TO_INT);
    }

    private static final class GetSockName {
        static final MethodHandle H = Linkage.capturingErrno("getsockname",
                FunctionDescriptor.of(INT, INT, POINTER, POINTER));
    }

    private static final class SetSockOpt {
        static final MethodHandle H = Linkage.capturingErrno("setsockopt",
                FunctionDescriptor.of(INT, INT, INT, INT, POINTER, INT));
    }

    private static final class SendMsg {
        static final MethodHandle H = Linkage.capturingErrno("sendmsg", INT_PTR_INT_TO_LONG);
    }

    private static final class RecvMsg {
        static final MethodHandle H = Linkage.capturingErrno("recvmsg", INT_PTR_INT_TO_LONG);
    }

    private static final class UnlinkAt {
        static final MethodHandle H = Linkage.capturingErrno("unlinkat", INT_PTR_INT_TO_INT);
    }

    private static final class NameToHandleAt {
        static final MethodHandle H = Linkage.capturingErrno("name_to_handle_at",
                FunctionDescriptor.of(INT, INT, POINTER, POINTER, POINTER, INT));
    }

    private static final class SetNs {
        static final MethodHandle H = Linkage.capturingErrno("setns", FunctionDescriptor.of(INT, INT, INT));
    }

    private static final class IfIndexToName {
        static final MethodHandle H = Linkage.link("if_indextoname", FunctionDescriptor.of(POINTER, INT, POINTER));
    }

    private static final class IfNameToIndex {
        static final MethodHandle H = Linkage.link("if_nametoindex", FunctionDescriptor.of(INT, POINTER));
    }

    private static final class IsATty {
        static final MethodHandle H = Linkage.link("isatty", FunctionDescriptor.of(INT, INT));
    }

    private static final class IoctlPointer {
        // int ioctl(int fd, unsigned long request, ...): the third argument is variadic.
        static final MethodHandle H = Linkage.link("ioctl", FunctionDescriptor.of(INT, INT, LONG, POINTER),
                Linkage.CAPTURE_ERRNO, Linker.Option.firstVariadicArg(2));
    }

    /**
     * {@code long syscall(long number, ...)}, for the calls of the owner scan, {@code openat} and {@code close}:
     * one handle for all of them rather than one per call (see docs/startup.md), every argument a {@code long}
     * (pointers as addresses, which is how {@code syscall} takes them).
     */
    private static final class Syscall {
        static final SyscallNumbers NR = SyscallNumbers.forArchitecture(System.getProperty("os.arch"));
        static final MethodHandle H = Linkage.link("syscall",
                FunctionDescriptor.of(LONG, LONG, LONG, LONG, LONG, LONG),
                Linkage.CAPTURE_ERRNO, Linker.Option.firstVariadicArg(1));
    }

    /**
     * {@code readlinkat} through {@code syscall}, made once per descriptor of every process: a critical call with
     * heap access, so the kernel reads the name from and writes the target into plain arrays, with no copy, no
     * errno capture and no allocation. A readlink on /proc takes microseconds and never waits for the JVM, which
     * a critical call requires; it only delays a garbage collection by that long.
     */
    private static final class SyscallCritical {
        static final MethodHandle H = Linkage.link("syscall",
                FunctionDescriptor.of(LONG, LONG, LONG, POINTER, POINTER, LONG),
                Linker.Option.critical(true), Linker.Option.firstVariadicArg(1));
    }

    /** The layout of the segment {@code errno} is captured into. */
    static StructLayout callStateLayout() {
        return CallState.LAYOUT;
    }

    /** Reads the {@code errno} a failed call left in {@code state}. */
    static int errno(MemorySegment state) {
        return state.get(ValueLayout.JAVA_INT, CallState.ERRNO_OFFSET);
    }

    /** Links the handles of the /proc scan now, or throws the {@link LinkageError} its first call would. */
    static void linkProcScan() {
        // Initialising each holder links its handle or throws.
        Objects.requireNonNull(Syscall.H);
        Objects.requireNonNull(SyscallCritical.H);
    }

    static int socket(MemorySegment state, int domain, int type, int protocol) {
        try {
            return (int) Socket.H.invokeExact(state, domain, type, protocol);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    static int bind(MemorySegment state, int fd, MemorySegment address, int addressLength) {
        try {
            return (int) Bind.H.invokeExact(state, fd, address, addressLength);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    static int getsockname(MemorySegment state, int fd, MemorySegment address, MemorySegment addressLength) {
        try {
            return (int) GetSockName.H.invokeExact(state, fd, address, addressLength);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    static int setsockopt(MemorySegment state, int fd, int level, int name, MemorySegment value, int length) {
        try {
            return (int) SetSockOpt.H.invokeExact(state, fd, level, name, value, length);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    static long sendmsg(MemorySegment state, int fd, MemorySegment msghdr, int flags) {
        try {
            return (long) SendMsg.H.invokeExact(state, fd, msghdr, flags);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    static long recvmsg(MemorySegment state, int fd, MemorySegment msghdr, int flags) {
        try {
            return (long) RecvMsg.H.invokeExact(state, fd, msghdr, flags);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** {@code openat(dirfd, path, flags)} without a mode (no {@code O_CREAT}). */
    static int openat(MemorySegment state, int dirfd, MemorySegment path, int flags) {
        return openat(state, dirfd, path, flags, 0);
    }

    /** {@code openat(dirfd, path, flags, mode)}, for {@code O_CREAT}. */
    static int openat(MemorySegment state, int dirfd, MemorySegment path, int flags, int mode) {
        return (int) syscall(state, Syscall.NR.openat(), dirfd, path.address(), flags, mode);
    }

    static int unlinkat(MemorySegment state, int dirfd, MemorySegment path, int flags) {
        try {
            return (int) UnlinkAt.H.invokeExact(state, dirfd, path, flags);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    static long read(MemorySegment state, int fd, MemorySegment buffer, long size) {
        return syscall(state, Syscall.NR.read(), fd, buffer.address(), size, 0);
    }

    static long readlinkat(MemorySegment state, int dirfd, MemorySegment path, MemorySegment buffer, long size) {
        return syscall(state, Syscall.NR.readlinkat(), dirfd, path.address(), buffer.address(), size);
    }

    /** {@link #readlinkat} on heap segments, without errno: -1 on failure. */
    static long readlinkatCritical(int dirfd, MemorySegment path, MemorySegment buffer, long size) {
        try {
            return (long) SyscallCritical.H.invokeExact(Syscall.NR.readlinkat(), (long) dirfd, path, buffer, size);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    static long getdents64(MemorySegment state, int fd, MemorySegment buffer, long size) {
        return syscall(state, Syscall.NR.getdents64(), fd, buffer.address(), size, 0);
    }

    /** {@code bpf(command, attr, attr.byteSize())}; {@code attr} must be native. */
    static long bpf(MemorySegment state, int command, MemorySegment attr) {
        return syscall(state, Syscall.NR.bpf(), command, attr.address(), attr.byteSize(), 0);
    }

    private static long syscall(MemorySegment state, long number, long a, long b, long c, long d) {
        try {
            return (long) Syscall.H.invokeExact(state, number, a, b, c, d);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /**
     * {@code name_to_handle_at(dirfd, path, handle, mountId, flags)}: {@code handle} is a {@code struct file_handle}
     * whose {@code handle_bytes} says how much room follows.
     */
    static int nameToHandleAt(MemorySegment state, int dirfd, MemorySegment path, MemorySegment handle,
                              MemorySegment mountId, int flags) {
        try {
            return (int) NameToHandleAt.H.invokeExact(state, dirfd, path, handle, mountId, flags);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    static int setns(MemorySegment state, int fd, int nstype) {
        try {
            return (int) SetNs.H.invokeExact(state, fd, nstype);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    static int close(MemorySegment state, int fd) {
        return (int) syscall(state, Syscall.NR.close(), fd, 0, 0, 0);
    }

    /** Writes the name of an interface into {@code buffer} (at least IF_NAMESIZE); NULL if none. */
    static MemorySegment ifIndexToName(int index, MemorySegment buffer) {
        try {
            return (MemorySegment) IfIndexToName.H.invokeExact(index, buffer);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    static int ifNameToIndex(MemorySegment name) {
        try {
            return (int) IfNameToIndex.H.invokeExact(name);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    static int isatty(int fd) {
        try {
            return (int) IsATty.H.invokeExact(fd);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** {@code ioctl(fd, request, argument)} for requests whose argument is a pointer. */
    static int ioctl(MemorySegment state, int fd, long request, MemorySegment argument) {
        try {
            return (int) IoctlPointer.H.invokeExact(state, fd, request, argument);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    private static RuntimeException unexpected(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        // A downcall only throws when the Java side is wrong (bad segment, wrong types): a bug, not I/O.
        return new IllegalStateException("downcall threw " + t, t);
    }
}
