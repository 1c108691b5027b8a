package io.sockscope.source;

import io.sockscope.kernel.Errno;
import io.sockscope.kernel.NetlinkChannel;
import io.sockscope.kernel.NetlinkException;
import io.sockscope.model.InetSocket;
import io.sockscope.model.IpProtocol;
import io.sockscope.model.WarningSink;
import io.sockscope.netlink.SockDestroyReq;
import io.sockscope.netlink.SockDiag;

/**
 * Closes inet sockets the way {@code ss -K} does: one {@code SOCK_DESTROY} request per socket, naming it by
 * the identity its dump reported, on a sock_diag socket of its own (opened with the first request), each
 * answered before the next is sent. The kernel aborts a TCP connection (the peer gets a reset) and
 * disconnects a UDP socket.
 *
 * <p>Needs {@code CAP_NET_ADMIN} in the socket's network namespace, and a kernel built with
 * {@code CONFIG_INET_DIAG_DESTROY}. Belongs to the thread that first uses it; close it.
 */
public final class SocketDestroyer implements AutoCloseable {
    /** What became of a socket the kernel was asked to close. */
    public enum Outcome {
        /** The kernel closed it. */
        CLOSED,
        /** It was gone by the time the request came ({@code ENOENT}); ss says nothing about it. */
        ALREADY_GONE,
        /** The kernel cannot close this kind of socket ({@code EOPNOTSUPP}); ss says nothing about it. */
        NOT_SUPPORTED
    }

    /** The kernel refused to close a socket for another reason than the two ss ignores. */
    public static final class DestroyFailedException extends SourceException {
        private static final long serialVersionUID = 1L;

        private final int errno;

        DestroyFailedException(String message, int errno, Throwable cause) {
            super(message, cause);
            this.errno = errno;
        }

        /** The errno (positive), or 0 when the failure was not one. */
        public int errno() {
            return errno;
        }
    }

    // ss numbers its requests from the clock; any sequence works since each answer is awaited.
    private int seq = 1;
    private NetlinkChannel channel;
    private final WarningSink warnings;

    /** @param warnings told about reply bytes that were skipped */
    public SocketDestroyer(WarningSink warnings) {
        this.warnings = warnings;
    }

    /**
     * Asks the kernel to close {@code socket}, which a dump of {@code kind} delivered.
     *
     * @throws DestroyFailedException when the kernel refuses ({@code EPERM} without {@code CAP_NET_ADMIN}, …)
     *                                or the request cannot be sent; its message is ss's
     *                                ({@code SOCK_DESTROY answers: Operation not permitted})
     */
    public Outcome destroy(InetSocket socket, DumpKind kind) throws DestroyFailedException {
        int protocol = protocolOf(kind);
        try {
            if (channel == null) {
                channel = NetlinkChannel.open(SockDiag.NETLINK_SOCK_DIAG);
            }
            channel.dump("SOCK_DESTROY", SockDestroyReq.encode(socket, protocol, seq++),
                    (type, flags, buffer, offset, length) -> { }, warnings::warn);
            return Outcome.CLOSED;
        } catch (NetlinkException e) {
            if (e.reportedByKernel() && e.errno() == Errno.ENOENT) {
                return Outcome.ALREADY_GONE;
            }
            if (e.reportedByKernel() && e.errno() == Errno.EOPNOTSUPP) {
                return Outcome.NOT_SUPPORTED;
            }
            String why = e.errno() != 0 ? Errno.message(e.errno()) : e.getMessage();
            throw new DestroyFailedException("SOCK_DESTROY answers: " + why, e.errno(), e);
        }
    }

    private static int protocolOf(DumpKind kind) {
        return switch (kind) {
            case TCP -> IpProtocol.IPPROTO_TCP;
            case UDP -> IpProtocol.IPPROTO_UDP;
            case RAW -> IpProtocol.IPPROTO_RAW;
            case DCCP -> IpProtocol.IPPROTO_DCCP;
            case SCTP -> IpProtocol.IPPROTO_SCTP;
            case MPTCP -> IpProtocol.IPPROTO_MPTCP;
            default -> throw new IllegalArgumentException(kind + " sockets are not inet sockets");
        };
    }

    @Override
    public void close() {
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }
}
