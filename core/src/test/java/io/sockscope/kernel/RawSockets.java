package io.sockscope.kernel;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Sockets the JDK cannot open (abstract unix names, AF_PACKET), and datagrams sent to another netlink socket's
 * port, made for tests through downcalls of their own: {@link Syscalls} has only the calls sockscope makes.
 * Each returned descriptor must be given back to {@link #close}.
 */
final class RawSockets {
    private static final int AF_UNIX = 1;
    private static final int AF_PACKET = 17;
    private static final int SOCK_DGRAM = 2;
    private static final ValueLayout.OfShort BE16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout STATE = Linker.Option.captureStateLayout();
    private static final long ERRNO = STATE.byteOffset(MemoryLayout.PathElement.groupElement("errno"));
    private static final MethodHandle SOCKET = link("socket", FunctionDescriptor.of(ValueLayout.JAVA_INT,
            ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    private static final MethodHandle BIND = link("bind", FunctionDescriptor.of(ValueLayout.JAVA_INT,
            ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
    // ssize_t sendto(int fd, const void *buf, size_t len, int flags, const struct sockaddr *to, socklen_t tolen)
    private static final MethodHandle SENDTO = link("sendto", FunctionDescriptor.of(ValueLayout.JAVA_LONG,
            ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT,
            ValueLayout.ADDRESS, ValueLayout.JAVA_INT));

    private RawSockets() {
    }

    @SuppressWarnings("restricted")
    private static MethodHandle link(String name, FunctionDescriptor descriptor) {
        return LINKER.downcallHandle(LINKER.defaultLookup().find(name).orElseThrow(), descriptor,
                Linker.Option.captureCallState("errno"));
    }

    /** A unix datagram socket bound to the abstract name {@code name} (shown by ss as {@code @name}). */
    static int abstractUnixDatagram(String name) throws NetlinkException {
        int fd = socket(AF_UNIX, SOCK_DGRAM | Syscalls.SOCK_CLOEXEC, 0);
        try (Arena arena = Arena.ofConfined()) {
            byte[] path = name.getBytes(StandardCharsets.UTF_8);
            MemorySegment address = arena.allocate(110);
            address.set(ValueLayout.JAVA_SHORT, 0, (short) AF_UNIX);
            // sun_path[0] stays 0: that is what makes the name abstract.
            MemorySegment.copy(path, 0, address, ValueLayout.JAVA_BYTE, 3, path.length);
            bind(fd, address, 3 + path.length);
            return fd;
        }
    }

    /**
     * A packet socket ({@code SOCK_RAW} or {@code SOCK_DGRAM}) for an ethertype (host order), bound to an
     * interface when {@code ifindex} is not 0. Needs CAP_NET_RAW.
     */
    static int packet(int type, int ethertype, int ifindex) throws NetlinkException {
        int fd = socket(AF_PACKET, type | Syscalls.SOCK_CLOEXEC,
                Short.toUnsignedInt(Short.reverseBytes((short) ethertype)));
        if (ifindex != 0) {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment address = arena.allocate(20);   // struct sockaddr_ll
                address.set(ValueLayout.JAVA_SHORT, 0, (short) AF_PACKET);
                address.set(BE16, 2, (short) ethertype);
                address.set(ValueLayout.JAVA_INT, 4, ifindex);
                bind(fd, address, 20);
            }
        }
        return fd;
    }

    /**
     * Sends {@code bytes} as one datagram from a new netlink socket of {@code protocol} to the user-space
     * socket bound to {@code portId}, then closes the sender. Needs CAP_NET_ADMIN for most protocols.
     */
    static void netlinkUnicast(int protocol, int portId, byte[] bytes) throws NetlinkException {
        int fd = socket(Syscalls.AF_NETLINK, Syscalls.SOCK_RAW | Syscalls.SOCK_CLOEXEC, protocol);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(STATE);
            MemorySegment data = arena.allocate(bytes.length);
            MemorySegment.copy(bytes, 0, data, ValueLayout.JAVA_BYTE, 0, bytes.length);
            MemorySegment address = arena.allocate(MessageHeader.SOCKADDR_NL);
            address.set(ValueLayout.JAVA_SHORT, MessageHeader.NL_FAMILY, (short) Syscalls.AF_NETLINK);
            address.set(ValueLayout.JAVA_INT, MessageHeader.NL_PID, portId);
            long sent = (long) SENDTO.invokeExact(state, fd, data, (long) bytes.length, 0, address,
                    MessageHeader.SOCKADDR_NL_SIZE);
            if (sent < 0) {
                throw NetlinkException.ofSyscall("sendto", state.get(ValueLayout.JAVA_INT, ERRNO));
            }
        } catch (NetlinkException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        } finally {
            close(fd);
        }
    }

    static void close(int fd) {
        NativeLayer.syscalls().close(fd);
    }

    private static int socket(int domain, int type, int protocol) throws NetlinkException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(STATE);
            int fd = (int) SOCKET.invokeExact(state, domain, type, protocol);
            if (fd < 0) {
                throw NetlinkException.ofSyscall("socket", state.get(ValueLayout.JAVA_INT, ERRNO));
            }
            return fd;
        } catch (NetlinkException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** Binds {@code fd} to the address, or closes it and throws. */
    private static void bind(int fd, MemorySegment address, int length) throws NetlinkException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(STATE);
            if ((int) BIND.invokeExact(state, fd, address, length) < 0) {
                int errno = state.get(ValueLayout.JAVA_INT, ERRNO);
                close(fd);
                throw NetlinkException.ofSyscall("bind", errno);
            }
        } catch (NetlinkException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
