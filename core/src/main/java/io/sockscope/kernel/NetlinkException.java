package io.sockscope.kernel;

/**
 * A netlink exchange failed: a system call returned an error, the kernel answered a request with an error, or
 * the reply could not be framed. The message names the call and the errno, e.g.
 * {@code sock_diag dump: ENOENT}, followed by the kernel's extended-ack text when it sent one.
 *
 * <p>A dump delivers its messages as they arrive, so a failure can come after some were delivered:
 * {@link #messagesDelivered()} tells how many. A kernel that cannot answer a request at all (no handler for
 * the family or protocol) says so in the first datagram of its reply, before anything is delivered.
 */
public final class NetlinkException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String call;
    private final int errno;
    private final String extAckMessage;
    private final boolean reportedByKernel;
    private final long messagesDelivered;

    private NetlinkException(String message, String call, int errno, String extAckMessage,
                             boolean reportedByKernel, long messagesDelivered) {
        super(message);
        this.call = call;
        this.errno = errno;
        this.extAckMessage = extAckMessage;
        this.reportedByKernel = reportedByKernel;
        this.messagesDelivered = messagesDelivered;
    }

    /** A system call failed with {@code errno}. */
    static NetlinkException ofSyscall(String call, int errno) {
        return new NetlinkException(call + ": " + Errno.name(errno), call, errno, null, false, 0);
    }

    /** The kernel answered with {@code errno} (in {@code NLMSG_ERROR} or {@code NLMSG_DONE}). */
    static NetlinkException ofKernel(String call, int errno, String extAckMessage, long messagesDelivered) {
        String message = call + ": " + Errno.name(errno);
        if (extAckMessage != null && !extAckMessage.isEmpty()) {
            message += " (" + extAckMessage + ")";
        }
        return new NetlinkException(message, call, errno, extAckMessage, true, messagesDelivered);
    }

    /** The reply broke the protocol (truncated, unframeable); there is no errno. */
    static NetlinkException ofProtocol(String call, String problem) {
        return ofProtocol(call, problem, 0);
    }

    /** {@link #ofProtocol(String, String)} after {@code messagesDelivered} messages of the dump were delivered. */
    static NetlinkException ofProtocol(String call, String problem, long messagesDelivered) {
        return new NetlinkException(call + ": " + problem, call, 0, null, false, messagesDelivered);
    }

    /** This failure, as it happened after {@code count} messages of a dump were delivered. */
    NetlinkException afterDelivering(long count) {
        if (count == messagesDelivered) {
            return this;
        }
        NetlinkException copy = new NetlinkException(getMessage(), call, errno, extAckMessage, reportedByKernel,
                count);
        copy.setStackTrace(getStackTrace());
        return copy;
    }

    /** What was being done, e.g. {@code socket} or {@code sock_diag dump}. */
    public String call() {
        return call;
    }

    /** The errno (positive), or 0 when the failure was not an errno. */
    public int errno() {
        return errno;
    }

    /** {@link Errno#name} of {@link #errno()}, or null when there is none. */
    public String errnoName() {
        return errno != 0 ? Errno.name(errno) : null;
    }

    /** The kernel's {@code NLMSGERR_ATTR_MSG} text, or null. */
    public String extAckMessage() {
        return extAckMessage;
    }

    /** Whether the kernel sent this error as its answer (rather than a system call failing locally). */
    public boolean reportedByKernel() {
        return reportedByKernel;
    }

    /**
     * How many data messages of the failed dump had been handed to its handler before the failure: 0 when
     * the request failed outright (nothing to undo), more when it broke off part-way.
     */
    public long messagesDelivered() {
        return messagesDelivered;
    }
}
