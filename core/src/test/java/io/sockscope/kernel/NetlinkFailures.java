package io.sockscope.kernel;

/** Netlink failures as the native layer reports them, for tests of the layers above that map them. */
public final class NetlinkFailures {
    private NetlinkFailures() {
    }

    /** The kernel answered a request with {@code errno}. */
    public static NetlinkException kernel(String call, int errno) {
        return NetlinkException.ofKernel(call, errno, null, 0);
    }

    /** A system call failed with {@code errno}. */
    public static NetlinkException syscall(String call, int errno) {
        return NetlinkException.ofSyscall(call, errno);
    }
}
