package io.sockscope.kernel;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Opens a netlink socket as ss's {@code rtnl_open_byproto} does: {@code AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC},
 * a 1 MiB receive buffer, extended acknowledgements, bound to a kernel-assigned port and to the given
 * multicast groups (a bit mask of groups 1 to 32; 0 for a socket that only exchanges requests and replies).
 *
 * @param fd     the descriptor, owned by the caller
 * @param portId the port the kernel assigned
 */
record BoundSocket(int fd, int portId) {

    /**
     * @param arena scratch memory for the call (the caller's, so nothing is allocated twice)
     * @param state the errno capture segment
     * @throws NetlinkException naming the system call that failed; nothing is left open then
     */
    static BoundSocket open(Arena arena, MemorySegment state, int protocol, int groups) throws NetlinkException {
        int fd = Libc.socket(state, Libc.AF_NETLINK, Libc.SOCK_RAW | Libc.SOCK_CLOEXEC, protocol);
        if (fd < 0) {
            throw NetlinkException.ofSyscall("socket", Libc.errno(state));
        }
        try {
            MemorySegment option = arena.allocate(ValueLayout.JAVA_INT);
            option.set(ValueLayout.JAVA_INT, 0, SocketExchange.RECEIVE_BUFFER_BYTES);
            // A smaller buffer only costs round trips: dumps are paced by the reader, so failure is harmless.
            Libc.setsockopt(state, fd, Libc.SOL_SOCKET, Libc.SO_RCVBUF, option, 4);
            option.set(ValueLayout.JAVA_INT, 0, 1);
            // Kernels before 4.12 have no extended ack; errors then come without their text.
            Libc.setsockopt(state, fd, Libc.SOL_NETLINK, Libc.NETLINK_EXT_ACK, option, 4);

            MemorySegment address = arena.allocate(MessageHeader.SOCKADDR_NL);
            address.set(ValueLayout.JAVA_SHORT, MessageHeader.NL_FAMILY, (short) Libc.AF_NETLINK);
            address.set(ValueLayout.JAVA_INT, MessageHeader.NL_GROUPS, groups);
            if (Libc.bind(state, fd, address, MessageHeader.SOCKADDR_NL_SIZE) < 0) {
                throw NetlinkException.ofSyscall("bind", Libc.errno(state));
            }
            MemorySegment length = arena.allocate(ValueLayout.JAVA_INT);
            length.set(ValueLayout.JAVA_INT, 0, MessageHeader.SOCKADDR_NL_SIZE);
            if (Libc.getsockname(state, fd, address, length) < 0) {
                throw NetlinkException.ofSyscall("getsockname", Libc.errno(state));
            }
            return new BoundSocket(fd, address.get(ValueLayout.JAVA_INT, MessageHeader.NL_PID));
        } catch (NetlinkException | RuntimeException | Error e) {
            Libc.close(fd);
            throw e;
        }
    }

    /**
     * {@link #open} through the JNI library's calls on plain values, which need no scratch memory; only when
     * {@link JniCalls#AVAILABLE}.
     *
     * @throws NetlinkException naming the system call that failed; nothing is left open then
     */
    static BoundSocket openWithJni(int protocol, int groups) throws NetlinkException {
        long fd = JniCalls.socket(Libc.AF_NETLINK, Libc.SOCK_RAW | Libc.SOCK_CLOEXEC, protocol);
        if (fd < 0) {
            throw NetlinkException.ofSyscall("socket", (int) -fd);
        }
        try {
            // Both best effort, as above.
            JniCalls.setsockoptInt((int) fd, Libc.SOL_SOCKET, Libc.SO_RCVBUF, SocketExchange.RECEIVE_BUFFER_BYTES);
            JniCalls.setsockoptInt((int) fd, Libc.SOL_NETLINK, Libc.NETLINK_EXT_ACK, 1);
            long bound = JniCalls.bindNetlink((int) fd, groups);
            if (bound < 0) {
                throw NetlinkException.ofSyscall("bind", (int) -bound);
            }
            long portId = JniCalls.netlinkPortId((int) fd);
            if (portId < 0) {
                throw NetlinkException.ofSyscall("getsockname", (int) -portId);
            }
            return new BoundSocket((int) fd, (int) portId);
        } catch (NetlinkException | RuntimeException | Error e) {
            JniCalls.close((int) fd);
            throw e;
        }
    }
}
