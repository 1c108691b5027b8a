package io.sockscope.procmap;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Objects;

/**
 * The five system calls the native scan makes ({@code openat}, {@code getdents64}, {@code readlinkat},
 * {@code read}, {@code close}). They go through sockscope's JNI library when it is loaded
 * ({@link JniCalls}), which costs a fresh JVM nothing to bind; otherwise through two downcall handles to
 * the C library's {@code syscall} function rather than one per call, because building each handle costs
 * several milliseconds in a fresh JVM, which a command-line run pays every time.
 *
 * <ul>
 * <li>The general handle passes every argument as a {@code long} (pointers as addresses, which is how
 *     {@code syscall} takes them) and captures {@code errno}.</li>
 * <li>The hot handle serves {@code readlinkat}, made once per descriptor of every process. It is marked
 *     <em>critical</em> with heap access, so the link name and the link buffer are plain {@code byte[]}s
 *     the kernel reads and fills directly: no copy between heap and native memory, no errno capture and
 *     no allocation, which matters because the command-line launcher runs with the C1 compiler alone,
 *     which cannot optimise those away. A readlink on /proc takes microseconds and never waits for the
 *     JVM, which is what a critical call requires; it only delays a garbage collection by that long.
 *     The JNI twin pins the two arrays the same way.</li>
 * </ul>
 *
 * <p>The handles are constants of a holder class built when a call first needs them, so a run that never
 * asks for owners, or has the JNI library, never pays for them. On an architecture without a known system
 * call table, or a C library without {@code syscall}, that first use fails with a {@link LinkageError} and
 * the caller falls back to {@code java.nio}.
 */
final class Libc {
    static final int AT_FDCWD = -100;
    static final int O_RDONLY = 0;
    /** The same value on every Linux architecture, unlike O_DIRECTORY, which the scan therefore avoids. */
    static final int O_CLOEXEC = 0x80000;

    /**
     * The errno capture segment's layout: FFM captures errno there and the JNI path stores it there. A holder
     * of its own, built on first use, because building any layout is the foreign-memory API's first use (tens
     * of milliseconds of a fresh JVM), which the scan on JNI arrays ({@link ArrayProcSession}) never needs.
     */
    private static final class CallState {
        static final StructLayout LAYOUT = Linker.Option.captureStateLayout();
        static final long ERRNO_OFFSET = LAYOUT.byteOffset(MemoryLayout.PathElement.groupElement("errno"));
    }

    /** The FFM downcall handles, created with the first call that needs them. */
    private static final class Downcalls {
        static final SyscallNumbers NR = SyscallNumbers.forArchitecture(System.getProperty("os.arch"));
        static final MethodHandle SYSCALL;
        static final MethodHandle SYSCALL_CRITICAL;

        static {
            Linker linker = Linker.nativeLinker();
            ValueLayout word = ValueLayout.JAVA_LONG;
            ValueLayout pointer = ValueLayout.ADDRESS;
            // long syscall(long number, ...): everything after the number is variadic.
            SYSCALL = downcall(linker, FunctionDescriptor.of(word, word, word, word, word, word),
                    Linker.Option.captureCallState("errno"), Linker.Option.firstVariadicArg(1));
            SYSCALL_CRITICAL = downcall(linker, FunctionDescriptor.of(word, word, word, pointer, pointer, word),
                    Linker.Option.critical(true), Linker.Option.firstVariadicArg(1));
        }

        private Downcalls() {
        }

        @SuppressWarnings("restricted") // the descriptors above match glibc's syscall(2) for up to four arguments
        private static MethodHandle downcall(Linker linker, FunctionDescriptor descriptor,
                                             Linker.Option... options) {
            MemorySegment symbol = linker.defaultLookup().find("syscall")
                    .orElseThrow(() -> new UnsatisfiedLinkError("C library has no syscall function"));
            return linker.downcallHandle(symbol, descriptor, options);
        }
    }

    private Libc() {
    }

    /** Forces the handle to be built; throws {@link LinkageError} when it cannot be. */
    static void link() {
        if (!JniCalls.AVAILABLE) {
            // Initialising the holder links the handles or throws.
            Objects.requireNonNull(Downcalls.SYSCALL);
        }
    }

    /** The layout of the segment {@code errno} is captured into. */
    static StructLayout captureLayout() {
        return CallState.LAYOUT;
    }

    /** The {@code errno} stored in {@code capture} by the last call that failed. */
    static int errno(MemorySegment capture) {
        return capture.get(ValueLayout.JAVA_INT, CallState.ERRNO_OFFSET);
    }

    static int openat(MemorySegment capture, int dirFd, MemorySegment path, int flags) {
        if (JniCalls.AVAILABLE) {
            return (int) outcome(capture, JniCalls.openat(dirFd, address(path), flags));
        }
        return (int) call(capture, Downcalls.NR.openat(), dirFd, path.address(), flags, 0);
    }

    static long getdents64(MemorySegment capture, int dirFd, MemorySegment buffer, long size) {
        if (JniCalls.AVAILABLE) {
            return outcome(capture, JniCalls.getdents64(dirFd, address(buffer), size));
        }
        return call(capture, Downcalls.NR.getdents64(), dirFd, buffer.address(), size, 0);
    }

    /**
     * {@code readlinkat}; {@code path} (NUL-terminated) and {@code buffer} may be heap segments. Returns the
     * link's length, or -1 on failure (errno is not kept: any failure means "not a socket").
     */
    static long readlinkat(int dirFd, MemorySegment path, MemorySegment buffer, long size) {
        if (JniCalls.AVAILABLE) {
            long result = path.isNative() && buffer.isNative()
                    ? JniCalls.readlinkat(dirFd, path.address(), buffer.address(), size)
                    : JniCalls.readlinkatArrays(dirFd, wholeArray(path), wholeArray(buffer),
                            Math.min(size, buffer.byteSize()));
            return result < 0 ? -1 : result;
        }
        try {
            return (long) Downcalls.SYSCALL_CRITICAL.invokeExact(Downcalls.NR.readlinkat(), (long) dirFd, path,
                    buffer, size);
        } catch (Throwable t) {
            throw new IllegalStateException("readlinkat downcall failed", t);
        }
    }

    /** {@code readlinkat} through the general, errno-capturing call, for the rare failure. */
    static long readlinkat(MemorySegment capture, int dirFd, MemorySegment path, MemorySegment buffer, long size) {
        if (JniCalls.AVAILABLE) {
            return outcome(capture, JniCalls.readlinkat(dirFd, address(path), address(buffer), size));
        }
        return call(capture, Downcalls.NR.readlinkat(), dirFd, path.address(), buffer.address(), size);
    }

    static long read(MemorySegment capture, int fd, MemorySegment buffer, long size) {
        if (JniCalls.AVAILABLE) {
            return outcome(capture, JniCalls.read(fd, address(buffer), size));
        }
        return call(capture, Downcalls.NR.read(), fd, buffer.address(), size, 0);
    }

    static void close(MemorySegment capture, int fd) {
        if (JniCalls.AVAILABLE) {
            outcome(capture, JniCalls.close(fd));
            return;
        }
        call(capture, Downcalls.NR.close(), fd, 0, 0, 0);
    }

    /**
     * {@code bpf(command, attr, attr.byteSize())} through the FFM downcall; {@code attr} must be native.
     * It has no JNI twin here: the JNI library's own bpf functions ({@link BpfJni}) take arrays instead.
     */
    static long bpf(MemorySegment capture, int command, MemorySegment attr) {
        return call(capture, Downcalls.NR.bpf(), command, address(attr), attr.byteSize(), 0);
    }

    /** A JNI call's outcome in the downcall's convention: -1 with errno stored in {@code capture}, or the result. */
    private static long outcome(MemorySegment capture, long result) {
        if (result < 0) {
            capture.set(ValueLayout.JAVA_INT, CallState.ERRNO_OFFSET, (int) -result);
            return -1;
        }
        return result;
    }

    /** The address JNI is given for a segment; only native memory has one the kernel can use. */
    private static long address(MemorySegment segment) {
        if (!segment.isNative()) {
            throw new IllegalArgumentException("a heap segment cannot be passed to a system call by address");
        }
        return segment.address();
    }

    /** The array behind a heap segment that views all of it, which is what the JNI twin pins. */
    private static byte[] wholeArray(MemorySegment segment) {
        if (segment.heapBase().orElse(null) instanceof byte[] bytes && segment.address() == 0
                && segment.byteSize() == bytes.length) {
            return bytes;
        }
        throw new IllegalArgumentException("readlinkat takes native segments or views of whole byte arrays");
    }

    private static long call(MemorySegment capture, long number, long a, long b, long c, long d) {
        try {
            return (long) Downcalls.SYSCALL.invokeExact(capture, number, a, b, c, d);
        } catch (Throwable t) {
            // A downcall only throws when the Java side is wrong (bad segment, wrong types): a bug, not I/O.
            throw new IllegalStateException("syscall " + number + " downcall failed", t);
        }
    }
}
