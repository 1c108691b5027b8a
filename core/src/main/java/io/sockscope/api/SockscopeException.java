package io.sockscope.api;

/**
 * What the library throws: one of its subclasses, each a distinct cause a caller may want to handle —
 * {@link NetlinkUnavailableException}, {@link PermissionDeniedException}, {@link InvalidFilterException},
 * {@link SocketDumpException}. Unchecked, so that queries compose with lambdas.
 */
public abstract sealed class SockscopeException extends RuntimeException
        permits NetlinkUnavailableException, PermissionDeniedException, InvalidFilterException, SocketDumpException {
    private static final long serialVersionUID = 1L;

    SockscopeException(String message, Throwable cause) {
        super(message, cause);
    }
}
