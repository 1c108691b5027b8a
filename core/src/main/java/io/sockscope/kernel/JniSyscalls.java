package io.sockscope.kernel;

/**
 * {@link Syscalls} through sockscope's JNI library ({@code src/main/c}): each method is bound to a C function
 * of the same name in {@code libsockscope.so}. Only {@link NativeLayer} makes one, after loading the library
 * and checking its {@link #ABI_VERSION}.
 */
final class JniSyscalls implements Syscalls {
    /**
     * The version of the contract between this class and the C functions; must equal {@code SOCKSCOPE_JNI_ABI}
     * in {@code sockscope_jni.h}, and changes whenever a signature does or a function is added.
     */
    static final int ABI_VERSION = 6;

    JniSyscalls() {
    }

    /** The library's {@code SOCKSCOPE_JNI_ABI}. */
    static native int abiVersion();

    @Override
    public native long socket(int domain, int type, int protocol);

    @Override
    public native long setsockopt(int fd, int level, int name, byte[] value);

    @Override
    public native long bindNetlink(int fd, int groups);

    @Override
    public native long netlinkPortId(int fd);

    @Override
    public native long sendToKernel(int fd, byte[] bytes, int length, int flags);

    @Override
    public native long receive(int fd, byte[] buffer, int length, int flags, int[] meta);

    @Override
    public native long openat(int dirfd, byte[] path, int flags);

    @Override
    public native long createFile(int dirfd, byte[] path, int flags, int mode);

    @Override
    public native long unlinkat(int dirfd, byte[] path, int flags);

    @Override
    public native long read(int fd, byte[] buffer, int offset, int length);

    @Override
    public native long getdents64(int fd, byte[] buffer, int length);

    @Override
    public native long readlinkat(int dirfd, byte[] name, byte[] target);

    @Override
    public native long close(int fd);

    @Override
    public native long nameToHandle8(int dirfd, byte[] path, long[] handle);

    @Override
    public native long setns(int fd, int nstype);

    @Override
    public native long namespaceType(int fd);

    @Override
    public native long isatty(int fd);

    @Override
    public native long terminalColumns(int fd);

    @Override
    public native long ifIndexToName(int index, byte[] name);

    @Override
    public native long ifNameToIndex(byte[] name);

    @Override
    public native long bpfLoadIteratorProgram(byte[] instructions, byte[] license, byte[] name, int attachBtfId,
                                              byte[] log);

    @Override
    public native long bpfCreateIteratorLink(int programFd);

    @Override
    public native long bpfCreateIterator(int linkFd);

    @Override
    public void prepareProcScan() {
        // Bound with the library: nothing to link.
    }
}
