package io.sockscope.api;

/** The kernel refused a request for lack of privilege ({@code EPERM}, {@code EACCES}). */
public final class PermissionDeniedException extends SockscopeException {
    private static final long serialVersionUID = 1L;

    public PermissionDeniedException(String message, Throwable cause) {
        super(message, cause);
    }
}
