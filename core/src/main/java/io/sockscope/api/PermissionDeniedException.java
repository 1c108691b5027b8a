package io.sockscope.api;

/** The kernel refused a request for lack of privilege ({@code EPERM}, {@code EACCES}). */
public final class PermissionDeniedException extends SockscopeException {
    private static final long serialVersionUID = 1L;

    /**
     * Made by the library; public so that a caller's test can stand one in.
     *
     * @param message what failed, for people
     * @param cause   the underlying exception, or null
     */
    public PermissionDeniedException(String message, Throwable cause) {
        super(message, cause);
    }
}
