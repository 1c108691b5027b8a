package io.sockscope.procmap;

import io.sockscope.kernel.JniLoader;

/**
 * The system calls of {@link Libc} through sockscope's JNI library ({@code src/main/c}), used instead of the
 * FFM downcalls when that library is present: binding JNI methods costs a fresh JVM nothing, where linking
 * the two downcall handles costs it tens of milliseconds, as much as a whole quiet {@code -p} scan.
 *
 * <p>The library is the one {@link JniLoader} loads for the {@code kernel} package too. It is used only when
 * native access is granted and the file loads and is of this build's version ({@link JniLoader#usable()});
 * that is decided once.
 *
 * <p>Every call returns the system call's result, or {@code -errno} when it failed. Pointer arguments are
 * the addresses of native segments the caller keeps alive during the call; the calls on arrays serve
 * {@link ArrayProcSession}, which lets a scan run without any segment (and so without the foreign-memory
 * API's start-up cost).
 */
final class JniCalls {
    /** Whether the library is loaded and of this build's version. */
    static final boolean AVAILABLE = JniLoader.usable();

    private JniCalls() {
    }

    static native long openat(int dirfd, long path, int flags);

    static native long getdents64(int fd, long buffer, long size);

    static native long readlinkat(int dirfd, long path, long buffer, long size);

    /** {@code readlinkat} on a NUL-terminated name and into a target array, both pinned for the call. */
    static native long readlinkatArrays(int dirfd, byte[] name, byte[] target, long size);

    static native long read(int fd, long buffer, long size);

    static native long close(int fd);

    /** {@code openat} of the NUL-terminated name in {@code name} (copied, not pinned). */
    static native long openatArray(int dirfd, byte[] name, int flags);

    /** {@code getdents64} into the first {@code size} bytes of {@code buffer}, through native memory. */
    static native long getdents64Array(int fd, byte[] buffer, int size);

    /** {@code read} into {@code buffer} from {@code offset}, at most {@code size} bytes, through native memory. */
    static native long readArray(int fd, byte[] buffer, int offset, int size);
}
