package io.sockscope.kernel;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Sockets the JDK cannot open (abstract unix names, AF_PACKET), made for tests through the same downcalls the
 * library uses. Each returned descriptor must be given back to {@link #close}.
 */
final class RawSockets {
    private static final ValueLayout.OfShort BE16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    private RawSockets() {
    }

    /** A unix datagram socket bound to the abstract name {@code name} (shown by ss as {@code @name}). */
    static int abstractUnixDatagram(String name) throws NetlinkException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Libc.callStateLayout());
            int fd = Libc.socket(state, Libc.AF_UNIX, Libc.SOCK_DGRAM | Libc.SOCK_CLOEXEC, 0);
            if (fd < 0) {
                throw NetlinkException.ofSyscall("socket", Libc.errno(state));
            }
            byte[] path = name.getBytes(StandardCharsets.UTF_8);
            MemorySegment address = arena.allocate(110);
            address.set(ValueLayout.JAVA_SHORT, 0, (short) Libc.AF_UNIX);
            // sun_path[0] stays 0: that is what makes the name abstract.
            MemorySegment.copy(path, 0, address, ValueLayout.JAVA_BYTE, 3, path.length);
            if (Libc.bind(state, fd, address, 3 + path.length) < 0) {
                int errno = Libc.errno(state);
                Libc.close(fd);
                throw NetlinkException.ofSyscall("bind", errno);
            }
            return fd;
        }
    }

    /**
     * A packet socket ({@code SOCK_RAW} or {@code SOCK_DGRAM}) for an ethertype (host order), bound to an
     * interface when {@code ifindex} is not 0. Needs CAP_NET_RAW.
     */
    static int packet(int type, int ethertype, int ifindex) throws NetlinkException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Libc.callStateLayout());
            int fd = Libc.socket(state, Libc.AF_PACKET, type | Libc.SOCK_CLOEXEC,
                    Short.toUnsignedInt(Short.reverseBytes((short) ethertype)));
            if (fd < 0) {
                throw NetlinkException.ofSyscall("socket", Libc.errno(state));
            }
            if (ifindex != 0) {
                MemorySegment address = arena.allocate(20);   // struct sockaddr_ll
                address.set(ValueLayout.JAVA_SHORT, 0, (short) Libc.AF_PACKET);
                address.set(BE16, 2, (short) ethertype);
                address.set(ValueLayout.JAVA_INT, 4, ifindex);
                if (Libc.bind(state, fd, address, 20) < 0) {
                    int errno = Libc.errno(state);
                    Libc.close(fd);
                    throw NetlinkException.ofSyscall("bind", errno);
                }
            }
            return fd;
        }
    }

    /**
     * Sends {@code bytes} as one datagram from a new netlink socket of {@code protocol} to the user-space
     * socket bound to {@code portId}, then closes the sender. Needs CAP_NET_ADMIN for most protocols.
     */
    static void netlinkUnicast(int protocol, int portId, byte[] bytes) throws NetlinkException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Libc.callStateLayout());
            int fd = Libc.socket(state, Libc.AF_NETLINK, Libc.SOCK_RAW | Libc.SOCK_CLOEXEC, protocol);
            if (fd < 0) {
                throw NetlinkException.ofSyscall("socket", Libc.errno(state));
            }
            try {
                MemorySegment data = arena.allocate(bytes.length);
                MemorySegment.copy(bytes, 0, data, ValueLayout.JAVA_BYTE, 0, bytes.length);
                MemorySegment address = arena.allocate(MessageHeader.SOCKADDR_NL);
                address.set(ValueLayout.JAVA_SHORT, MessageHeader.NL_FAMILY, (short) Libc.AF_NETLINK);
                address.set(ValueLayout.JAVA_INT, MessageHeader.NL_PID, portId);
                MemorySegment iovec = arena.allocate(MessageHeader.IOVEC);
                iovec.set(ValueLayout.ADDRESS, MessageHeader.IOV_BASE, data);
                iovec.set(ValueLayout.JAVA_LONG, MessageHeader.IOV_LEN, bytes.length);
                MemorySegment msghdr = arena.allocate(MessageHeader.MSGHDR);
                msghdr.set(ValueLayout.ADDRESS, MessageHeader.MSG_NAME, address);
                msghdr.set(ValueLayout.JAVA_INT, MessageHeader.MSG_NAMELEN, MessageHeader.SOCKADDR_NL_SIZE);
                msghdr.set(ValueLayout.ADDRESS, MessageHeader.MSG_IOV, iovec);
                msghdr.set(ValueLayout.JAVA_LONG, MessageHeader.MSG_IOVLEN, 1);
                if (Libc.sendmsg(state, fd, msghdr, 0) < 0) {
                    throw NetlinkException.ofSyscall("sendmsg", Libc.errno(state));
                }
            } finally {
                Libc.close(fd);
            }
        }
    }

    static void close(int fd) {
        Libc.close(fd);
    }
}
