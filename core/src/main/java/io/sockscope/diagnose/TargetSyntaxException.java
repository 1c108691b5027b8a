package io.sockscope.diagnose;

/** A target, address or port written in a form the doctor does not accept; the message says which and why. */
public final class TargetSyntaxException extends Exception {
    private static final long serialVersionUID = 1L;

    public TargetSyntaxException(String message) {
        super(message);
    }
}
