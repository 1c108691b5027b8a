package io.sockscope.api;

/**
 * The kernel's socket tables cannot be read at all: no {@code NETLINK_SOCK_DIAG} socket could be opened
 * (a kernel without it, a seccomp policy), or the JVM refused native access (run with
 * {@code --enable-native-access=io.sockscope}, or {@code ALL-UNNAMED} on the class path).
 */
public final class NetlinkUnavailableException extends SockscopeException {
    private static final long serialVersionUID = 1L;

    /**
     * Made by the library; public so that a caller's test can stand one in.
     *
     * @param message what failed, for people
     * @param cause   the underlying exception, or null
     */
    public NetlinkUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
