package io.sockscope.kernel;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * The C library calls sockscope makes, and the only place that makes them. The calls that can fail leave
 * {@code errno} in a caller-supplied state segment (laid out as {@link #callStateLayout}), read back with
 * {@link #errno}.
 *
 * <p>Each call goes through sockscope's JNI library when it is loaded ({@link JniCalls}), which costs a
 * fresh JVM nothing to bind, and otherwise through an FFM downcall handle. Each handle is created the first
 * time it is used (a nested holder class per function), because linking costs start-up time and most runs
 * need only a few calls; few distinct shapes on purpose, since the linker generates one stub per shape
 * ({@code sendmsg} and {@code recvmsg} share theirs).
 */
final class Libc {
    static final int AF_NETLINK = 16;
    static final int AF_UNIX = 1;
    static final int AF_PACKET = 17;
    static final int SOCK_RAW = 3;
    static final int SOCK_DGRAM = 2;
    static final int SOCK_CLOEXEC = 0x80000;
    static final int SOL_SOCKET = 1;
    static final int SO_RCVBUF = 8;
    static final int SOL_NETLINK = 270;
    static final int NETLINK_EXT_ACK = 11;
    static final int MSG_PEEK = 0x2;
    static final int MSG_TRUNC = 0x20;
    static final int IF_NAMESIZE = 16;
    static final int SO_RCVTIMEO = 20;
    static final int AT_FDCWD = -100;
    static final int O_RDONLY = 0;
    static final int O_CLOEXEC = 0x80000;
    static final int O_WRONLY = 1;
    static final int O_CREAT = 0x40;
    static final int O_TRUNC = 0x200;
    static final int O_PATH = 0x200000;
    static final int CLONE_NEWNET = 0x40000000;

    private Libc() {
    }

    /**
     * Where {@code errno} lives in a state segment: FFM captures it there, and the JNI path stores it there,
     * so callers need not know which path served them. Kept apart from the linker, which the JNI path never
     * creates.
     */
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
        static MethodHandle capturingErrno(String name, FunctionDescriptor descriptor) {
            return LINKER.downcallHandle(symbol(name), descriptor, CAPTURE_ERRNO);
        }

        @SuppressWarnings("restricted")
        static MethodHandle variadicCapturingErrno(String name, FunctionDescriptor descriptor, int firstVariadic) {
            return LINKER.downcallHandle(symbol(name), descriptor, CAPTURE_ERRNO,
                    Linker.Option.firstVariadicArg(firstVariadic));
        }

        @SuppressWarnings("restricted")
        static MethodHandle plain(String name, FunctionDescriptor descriptor) {
            return LINKER.downcallHandle(symbol(name), descriptor);
        }

        @SuppressWarnings("restricted")
        static MethodHandle variadic(String name, FunctionDescriptor descriptor, int firstVariadic) {
            return LINKER.downcallHandle(symbol(name), descriptor, Linker.Option.firstVariadicArg(firstVariadic));
        }

        private static MemorySegment symbol(String name) {
            return LINKER.defaultLookup().find(name)
                    .orElseThrow(() -> new UnsatisfiedLinkError("libc has no " + name));
        }
    }

    private static final FunctionDescriptor INT_INT_INT_TO_INT = FunctionDescriptor.of(
            ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT);
    private static final FunctionDescriptor INT_INT_TO_INT = FunctionDescriptor.of(
            ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT);
    private static final FunctionDescriptor INT_PTR_INT_TO_INT = FunctionDescriptor.of(
            ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT);
    private static final FunctionDescriptor INT_PTR_INT_TO_LONG = FunctionDescriptor.of(
            ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT);

    private static final class Socket {
        static final MethodHandle H = Linkage.capturingErrno("socket", INT_INT_INT_TO_INT);
    }

    private static final class Bind {
        static final MethodHandle H = Linkage.capturingErrno("bind", INT_PTR_INT_TO_INT);
    }

    private static final class GetSockName {
        static final MethodHandle H = Linkage.capturingErrno("getsockname", FunctionDescriptor.of(
                ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS));
    }

    private static final class SetSockOpt {
        static final MethodHandle H = Linkage.capturingErrno("setsockopt", FunctionDescriptor.of(
                ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT,
                ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
    }

    private static final class SendMsg {
        static final MethodHandle H = Linkage.capturingErrno("sendmsg", INT_PTR_INT_TO_LONG);
    }

    private static final class RecvMsg {
        static final MethodHandle H = Linkage.capturingErrno("recvmsg", INT_PTR_INT_TO_LONG);
    }

    private static final class OpenAt {
        // int openat(int dirfd, const char *path, int flags, ...): the mode is variadic and never passed here.
        static final MethodHandle H = Linkage.variadicCapturingErrno("openat", INT_PTR_INT_TO_INT, 3);
    }

    private static final class OpenAtWithMode {
        // The same openat with its variadic mode, for O_CREAT.
        static final MethodHandle H = Linkage.variadicCapturingErrno("openat", FunctionDescriptor.of(
                ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT,
                ValueLayout.JAVA_INT), 3);
    }

    private static final class UnlinkAt {
        static final MethodHandle H = Linkage.capturingErrno("unlinkat", INT_PTR_INT_TO_INT);
    }

    private static final class NameToHandleAt {
        static final MethodHandle H = Linkage.capturingErrno("name_to_handle_at", FunctionDescriptor.of(
                ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS,
                ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
    }

    private static final class SetNs {
        static final MethodHandle H = Linkage.capturingErrno("setns", INT_INT_TO_INT);
    }

    private static final class Close {
        static final MethodHandle H = Linkage.plain("close",
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    }

    private static final class IfIndexToName {
        static final MethodHandle H = Linkage.plain("if_indextoname",
                FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
    }

    private static final class IfNameToIndex {
        static final MethodHandle H = Linkage.plain("if_nametoindex",
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
    }

    private static final class IsATty {
        static final MethodHandle H = Linkage.plain("isatty",
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    }

    private static final class IoctlPointer {
        // int ioctl(int fd, unsigned long request, ...): the third argument is variadic.
        static final MethodHandle H = Linkage.variadic("ioctl", FunctionDescriptor.of(ValueLayout.JAVA_INT,
                ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG, ValueLayout.ADDRESS), 2);
    }

    /** The layout of the segment {@code errno} is captured into. */
    static StructLayout callStateLayout() {
        return CallState.LAYOUT;
    }

    /** Reads the {@code errno} a failed call left in {@code state}. */
    static int errno(MemorySegment state) {
        return state.get(ValueLayout.JAVA_INT, CallState.ERRNO_OFFSET);
    }

    /** A JNI call's outcome in the FFM convention: -1 with errno stored in {@code state}, or the result. */
    private static long outcome(MemorySegment state, long result) {
        if (result < 0) {
            state.set(ValueLayout.JAVA_INT, CallState.ERRNO_OFFSET, (int) -result);
            return -1;
        }
        return result;
    }

    /** A JNI call's outcome for a caller that keeps no errno: -1 or the result. */
    private static long withoutErrno(long result) {
        return result < 0 ? -1 : result;
    }

    /** The address JNI is given for a segment; only native memory has one C can use. */
    private static long address(MemorySegment segment) {
        if (!segment.isNative()) {
            throw new IllegalArgumentException("a heap segment cannot be passed to a C call");
        }
        return segment.address();
    }

    static int socket(MemorySegment state, int domain, int type, int protocol) {
        if (JniCalls.AVAILABLE) {
            return (int) outcome(state, JniCalls.socket(domain, type, protocol));
        }
        try {
            return (int) Socket.H.invokeExact(state, domain, type, protocol);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    static int bind(MemorySegment state, int fd, MemorySegment address, int addressLength) {
        if (JniCalls.AVAILABLE) {
            return (int) outcome(state, JniCalls.bind(fd, address(address), addressLength));
        }
        try {
            return (int) Bind.H.invokeExact(state, fd, address, addressLength);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    static int getsockname(MemorySegment state, int fd, MemorySegment address, MemorySegment addressLength) {
        if (JniCalls.AVAILABLE) {
            return (int) outcome(state, JniCalls.getsockname(fd, address(address), address(addressLength)));
        }
        try {
            return (int) GetSockName.H.invokeExact(state, fd, address, addressLength);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    static int setsockopt(MemorySegment state, int fd, int level, int name, MemorySegment value, int length) {
        if (JniCalls.AVAILABLE) {
            return (int) outcome(state, JniCalls.setsockopt(fd, level, name, address(value), length));
        }
        try {
            return (int) SetSockOpt.H.invokeExact(state, fd, level, name, value, length);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    static long sendmsg(MemorySegment state, int fd, MemorySegment msghdr, int flags) {
        if (JniCalls.AVAILABLE) {
            return outcome(state, JniCalls.sendmsg(fd, address(msghdr), flags));
        }
        try {
            return (long) SendMsg.H.invokeExact(state, fd, msghdr, flags);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    static long recvmsg(MemorySegment state, int fd, MemorySegment msghdr, int flags) {
        if (JniCalls.AVAILABLE) {
            return outcome(state, JniCalls.recvmsg(fd, address(msghdr), flags));
        }
        try {
            return (long) RecvMsg.H.invokeExact(state, fd, msghdr, flags);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** {@code openat(dirfd, path, flags)} without a mode (no {@code O_CREAT}); -1 with errno on failure. */
    static int openat(MemorySegment state, int dirfd, MemorySegment path, int flags) {
        if (JniCalls.AVAILABLE) {
            return (int) outcome(state, JniCalls.openat(dirfd, address(path), flags));
        }
        try {
            return (int) OpenAt.H.invokeExact(state, dirfd, path, flags);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /**
     * {@code openat(dirfd, path, flags, mode)}, for {@code O_CREAT}; -1 with errno on failure. FFM only: it serves
     * file names the JDK cannot express in the locale's character set ({@link BytePaths}), which are rare.
     */
    static int openatWithMode(MemorySegment state, int dirfd, MemorySegment path, int flags, int mode) {
        try {
            return (int) OpenAtWithMode.H.invokeExact(state, dirfd, path, flags, mode);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** {@code unlinkat(dirfd, path, flags)}; -1 with errno on failure. FFM only, as {@link #openatWithMode}. */
    static int unlinkat(MemorySegment state, int dirfd, MemorySegment path, int flags) {
        try {
            return (int) UnlinkAt.H.invokeExact(state, dirfd, path, flags);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /**
     * {@code name_to_handle_at(dirfd, path, handle, mountId, flags)}: {@code handle} is a {@code struct file_handle}
     * whose {@code handle_bytes} says how much room follows; -1 with errno on failure. FFM only: the JNI path
     * has its own array-based twin ({@link FileHandles}).
     */
    static int nameToHandleAt(MemorySegment state, int dirfd, MemorySegment path, MemorySegment handle,
                              MemorySegment mountId, int flags) {
        try {
            return (int) NameToHandleAt.H.invokeExact(state, dirfd, path, handle, mountId, flags);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** {@code setns(fd, nstype)}: moves the calling thread into the namespace {@code fd} refers to. */
    static int setns(MemorySegment state, int fd, int nstype) {
        if (JniCalls.AVAILABLE) {
            return (int) outcome(state, JniCalls.setns(fd, nstype));
        }
        try {
            return (int) SetNs.H.invokeExact(state, fd, nstype);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** Closes a descriptor; a failure leaves nothing to do (the descriptor is released either way). */
    static int close(int fd) {
        if (JniCalls.AVAILABLE) {
            return (int) withoutErrno(JniCalls.close(fd));
        }
        try {
            return (int) Close.H.invokeExact(fd);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** Writes the name of an interface into {@code buffer} (at least {@link #IF_NAMESIZE}); NULL if none. */
    static MemorySegment ifIndexToName(int index, MemorySegment buffer) {
        if (JniCalls.AVAILABLE) {
            return JniCalls.ifIndexToName(index, address(buffer)) != 0 ? buffer : MemorySegment.NULL;
        }
        try {
            return (MemorySegment) IfIndexToName.H.invokeExact(index, buffer);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** The index of the interface whose NUL-terminated name is in {@code name}, or 0 when there is none. */
    static int ifNameToIndex(MemorySegment name) {
        if (JniCalls.AVAILABLE) {
            return (int) JniCalls.ifNameToIndex(address(name));
        }
        try {
            return (int) IfNameToIndex.H.invokeExact(name);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** 1 when {@code fd} is a terminal, else 0. */
    static int isatty(int fd) {
        if (JniCalls.AVAILABLE) {
            return (int) JniCalls.isatty(fd);
        }
        try {
            return (int) IsATty.H.invokeExact(fd);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** {@code ioctl(fd, request, argument)} for requests whose argument is a pointer; -1 on failure. */
    static int ioctl(int fd, long request, MemorySegment argument) {
        if (JniCalls.AVAILABLE) {
            return (int) withoutErrno(JniCalls.ioctl(fd, request, address(argument)));
        }
        try {
            return (int) IoctlPointer.H.invokeExact(fd, request, argument);
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
        return new IllegalStateException("downcall threw " + t, t);
    }
}
