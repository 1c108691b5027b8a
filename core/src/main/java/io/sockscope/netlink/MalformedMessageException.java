package io.sockscope.netlink;

/**
 * A netlink message (or a part of one) does not have the shape its type promises: shorter than its fixed
 * struct, a length field pointing outside the buffer, a value the model cannot hold. Every decoder in this
 * package reports bad input with this exception and with nothing else, whatever bytes it is given.
 */
public final class MalformedMessageException extends Exception {
    private static final long serialVersionUID = 1L;

    public MalformedMessageException(String message) {
        super(message);
    }
}
