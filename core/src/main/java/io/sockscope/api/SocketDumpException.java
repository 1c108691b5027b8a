package io.sockscope.api;

/** A dump failed part-way: the kernel answered with an error, or a table could be read neither way. */
public final class SocketDumpException extends SockscopeException {
    private static final long serialVersionUID = 1L;

    public SocketDumpException(String message, Throwable cause) {
        super(message, cause);
    }
}
