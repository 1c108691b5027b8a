package io.sockscope.api;

/** A dump failed part-way: the kernel answered with an error, or a table could be read neither way. */
public final class SocketDumpException extends SockscopeException {
    private static final long serialVersionUID = 1L;

    /**
     * Made by the library; public so that a caller's test can stand one in.
     *
     * @param message what failed, for people
     * @param cause   the underlying exception, or null
     */
    public SocketDumpException(String message, Throwable cause) {
        super(message, cause);
    }
}
