package io.sockscope.kernel;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;

/**
 * The structs {@code sendmsg} and {@code recvmsg} take in {@link FfmSyscalls}, laid out for LP64 Linux (every
 * platform JDK 25 runs on), with one scatter element.
 *
 * <pre>
 * struct msghdr {
 *     void         *msg_name;       // struct sockaddr_nl *
 *     socklen_t     msg_namelen;
 *     struct iovec *msg_iov;
 *     size_t        msg_iovlen;
 *     void         *msg_control;
 *     size_t        msg_controllen;
 *     int           msg_flags;      // set by recvmsg: MSG_TRUNC when the datagram did not fit
 * };
 * struct iovec { void *iov_base; size_t iov_len; };
 * struct sockaddr_nl { sa_family_t nl_family; unsigned short nl_pad; __u32 nl_pid; __u32 nl_groups; };
 * </pre>
 */
final class MessageHeader {
    static final StructLayout MSGHDR = MemoryLayout.structLayout(
            ValueLayout.ADDRESS.withName("msg_name"),
            ValueLayout.JAVA_INT.withName("msg_namelen"),
            MemoryLayout.paddingLayout(4),
            ValueLayout.ADDRESS.withName("msg_iov"),
            ValueLayout.JAVA_LONG.withName("msg_iovlen"),
            ValueLayout.ADDRESS.withName("msg_control"),
            ValueLayout.JAVA_LONG.withName("msg_controllen"),
            ValueLayout.JAVA_INT.withName("msg_flags"),
            MemoryLayout.paddingLayout(4));
    static final long MSG_NAME = 0;
    static final long MSG_NAMELEN = 8;
    static final long MSG_IOV = 16;
    static final long MSG_IOVLEN = 24;
    static final long MSG_FLAGS = 48;

    static final StructLayout IOVEC = MemoryLayout.structLayout(
            ValueLayout.ADDRESS.withName("iov_base"),
            ValueLayout.JAVA_LONG.withName("iov_len"));
    static final long IOV_BASE = 0;
    static final long IOV_LEN = 8;

    static final StructLayout SOCKADDR_NL = MemoryLayout.structLayout(
            ValueLayout.JAVA_SHORT.withName("nl_family"),
            ValueLayout.JAVA_SHORT.withName("nl_pad"),
            ValueLayout.JAVA_INT.withName("nl_pid"),
            ValueLayout.JAVA_INT.withName("nl_groups"));
    static final int SOCKADDR_NL_SIZE = 12;
    static final long NL_FAMILY = 0;
    static final long NL_PID = 4;
    static final long NL_GROUPS = 8;

    private final MemorySegment msghdr;
    private final MemorySegment iovec;
    private final MemorySegment address;

    /** Allocates the three structs in {@code allocator}'s memory, wired to each other. */
    MessageHeader(SegmentAllocator allocator) {
        msghdr = allocator.allocate(MSGHDR);
        iovec = allocator.allocate(IOVEC);
        address = allocator.allocate(SOCKADDR_NL);
        // 64-bit addresses rather than ADDRESS accesses: the same bytes on LP64, fewer classes (docs/startup.md).
        msghdr.set(ValueLayout.JAVA_LONG, MSG_IOV, iovec.address());
        msghdr.set(ValueLayout.JAVA_LONG, MSG_IOVLEN, 1);
    }

    /** Points the header at the kernel (port 0) and {@code buffer}, ready for a send or a receive. */
    MemorySegment prepare(MemorySegment buffer) {
        address.fill((byte) 0);
        address.set(ValueLayout.JAVA_SHORT, NL_FAMILY, (short) Syscalls.AF_NETLINK);
        msghdr.set(ValueLayout.JAVA_LONG, MSG_NAME, address.address());
        msghdr.set(ValueLayout.JAVA_INT, MSG_NAMELEN, SOCKADDR_NL_SIZE);
        msghdr.set(ValueLayout.JAVA_INT, MSG_FLAGS, 0);
        iovec.set(ValueLayout.JAVA_LONG, IOV_BASE, buffer.address());
        iovec.set(ValueLayout.JAVA_LONG, IOV_LEN, buffer.byteSize());
        return msghdr;
    }

    /** {@code msg_flags} after a receive. */
    int receivedFlags() {
        return msghdr.get(ValueLayout.JAVA_INT, MSG_FLAGS);
    }

    /** The port id of the sender of the last received datagram (0 for the kernel). */
    int senderPortId() {
        return address.get(ValueLayout.JAVA_INT, NL_PID);
    }
}
