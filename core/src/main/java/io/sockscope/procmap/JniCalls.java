package io.sockscope.procmap;

/**
 * The system calls of {@link Libc} through sockscope's JNI library ({@code src/main/c}), used instead of the
 * FFM downcalls when that library is present: binding JNI methods costs a fresh JVM nothing, where linking
 * the two downcall handles costs it tens of milliseconds, as much as a whole quiet {@code -p} scan.
 *
 * <p>The library is the file named by the system property {@value #LIBRARY_PROPERTY} (the launcher sets it),
 * the same file as the {@code kernel} package's. It is used only when native access is granted and the file
 * loads and is of this class's {@link #ABI_VERSION}; that is decided once.
 *
 * <p>Every call returns the system call's result, or {@code -errno} when it failed. Pointer arguments are
 * the addresses of native segments the caller keeps alive during the call.
 */
final class JniCalls {
    static final String LIBRARY_PROPERTY = "sockscope.jni.library";
    /** Must equal {@code SOCKSCOPE_JNI_ABI} in {@code sockscope_jni.h}. */
    static final int ABI_VERSION = 1;

    static final boolean AVAILABLE = load(System.getProperty(LIBRARY_PROPERTY));

    private JniCalls() {
    }

    // Asking for native access first keeps the JDK from warning when it was not granted.
    @SuppressWarnings("restricted")
    private static boolean load(String file) {
        if (file == null || file.isEmpty() || !JniCalls.class.getModule().isNativeAccessEnabled()) {
            return false;
        }
        try {
            System.load(file);
            return abiVersion() == ABI_VERSION;
        } catch (UnsatisfiedLinkError | SecurityException | IllegalCallerException e) {
            return false; // missing, unreadable or stale: the FFM downcalls will do
        }
    }

    static native int abiVersion();

    static native long openat(int dirfd, long path, int flags);

    static native long getdents64(int fd, long buffer, long size);

    static native long readlinkat(int dirfd, long path, long buffer, long size);

    /** {@code readlinkat} on a NUL-terminated name and into a target array, both pinned for the call. */
    static native long readlinkatArrays(int dirfd, byte[] name, byte[] target, long size);

    static native long read(int fd, long buffer, long size);

    static native long close(int fd);
}
