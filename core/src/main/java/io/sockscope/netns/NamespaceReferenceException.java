package io.sockscope.netns;

/**
 * A {@code -N} argument names no network namespace that can be entered. The message is one line, meant to follow
 * {@code sockscope: } as it is: {@code no process 1234}, {@code /tmp/x is not a network namespace file}.
 */
public final class NamespaceReferenceException extends Exception {
    private static final long serialVersionUID = 1L;

    public NamespaceReferenceException(String message) {
        super(message);
    }
}
