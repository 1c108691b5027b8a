package io.sockscope.source;

/** A dump could not be performed; the message names the source and the cause ("netlink: recvmsg: EPERM"). */
public class SourceException extends Exception {
    private static final long serialVersionUID = 1L;

    public SourceException(String message) {
        super(message);
    }

    public SourceException(String message, Throwable cause) {
        super(message, cause);
    }
}
