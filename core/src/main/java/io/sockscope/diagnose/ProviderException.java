package io.sockscope.diagnose;

/** A provider could not deliver what it was asked for; the message says what and why (in a sentence). */
public final class ProviderException extends Exception {
    private static final long serialVersionUID = 1L;

    public ProviderException(String message) {
        super(message);
    }

    public ProviderException(String message, Throwable cause) {
        super(message, cause);
    }
}
