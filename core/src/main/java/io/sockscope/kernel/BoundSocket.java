package io.sockscope.kernel;

import java.nio.ByteOrder;

/**
 * Opens a netlink socket as ss's {@code rtnl_open_byproto} does: {@code AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC},
 * a 1 MiB receive buffer, extended acknowledgements, bound to a kernel-assigned port and to the given
 * multicast groups (a bit mask of groups 1 to 32; 0 for a socket that only exchanges requests and replies).
 *
 * @param fd     the descriptor, owned by the caller
 * @param portId the port the kernel assigned
 */
record BoundSocket(int fd, int portId) {

    /** @throws NetlinkException naming the system call that failed; nothing is left open then */
    static BoundSocket open(Syscalls calls, int protocol, int groups) throws NetlinkException {
        long fd = calls.socket(Syscalls.AF_NETLINK, Syscalls.SOCK_RAW | Syscalls.SOCK_CLOEXEC, protocol);
        if (fd < 0) {
            throw NetlinkException.ofSyscall("socket", (int) -fd);
        }
        try {
            // A smaller buffer only costs round trips: dumps are paced by the reader, so failure is harmless.
            calls.setsockopt((int) fd, Syscalls.SOL_SOCKET, Syscalls.SO_RCVBUF,
                    hostOrder(SocketExchange.RECEIVE_BUFFER_BYTES));
            // Kernels before 4.12 have no extended ack; errors then come without their text.
            calls.setsockopt((int) fd, Syscalls.SOL_NETLINK, Syscalls.NETLINK_EXT_ACK, hostOrder(1));
            long bound = calls.bindNetlink((int) fd, groups);
            if (bound < 0) {
                throw NetlinkException.ofSyscall("bind", (int) -bound);
            }
            long portId = calls.netlinkPortId((int) fd);
            if (portId < 0) {
                throw NetlinkException.ofSyscall("getsockname", (int) -portId);
            }
            return new BoundSocket((int) fd, (int) portId);
        } catch (NetlinkException | RuntimeException | Error e) {
            calls.close((int) fd);
            throw e;
        }
    }

    /** An {@code int} option value: its four bytes in host order. */
    static byte[] hostOrder(int value) {
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            int shift = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? 8 * i : 8 * (3 - i);
            bytes[i] = (byte) (value >>> shift);
        }
        return bytes;
    }
}
