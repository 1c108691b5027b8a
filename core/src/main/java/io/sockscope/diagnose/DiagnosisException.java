package io.sockscope.diagnose;

/** The doctor could not examine anything at all (the socket table itself was unreadable). */
public final class DiagnosisException extends Exception {
    private static final long serialVersionUID = 1L;

    public DiagnosisException(String message, Throwable cause) {
        super(message, cause);
    }
}
