package io.sockscope.filter;

import io.sockscope.model.AddressFamily;
import io.sockscope.model.InetSocket;
import io.sockscope.model.NetlinkSocket;
import io.sockscope.model.PacketSocket;
import io.sockscope.model.SocketRecord;
import io.sockscope.model.UnixSocket;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A socket as ss's userspace filter sees it ({@code struct sockstat} just before {@code run_ssfilter}):
 * ss fills only some fields, differently for each kind of socket, and the filter reads nothing else. The
 * factories reproduce those fillings, including their oddities (a packet socket's interface index doubles
 * as its local port, a netlink socket's port id is its local port and its peer port is -1, a Unix socket's
 * "ports" are inodes — or zero when it was read from {@code /proc}).
 *
 * @param family     the socket's address family
 * @param local      inet: the local address (4 or 16 bytes); packet and netlink: the protocol as a 32-bit
 *                   host-order word; unix: the name as ss holds it (abstract names start with {@code @}),
 *                   or null for none
 * @param remote     inet: the peer address; unix: the peer's name or null; others: zeros
 * @param localPort  ss's {@code lport}
 * @param remotePort ss's {@code rport}
 * @param ifindex    bound interface index, 0 for none
 * @param mark       socket mark (inet only, 0 when unknown)
 * @param cgroupId   cgroup v2 id (inet only, 0 when unknown)
 */
public record FilterSubject(int family, byte[] local, byte[] remote, int localPort, int remotePort, int ifindex,
                            int mark, long cgroupId) {

    public FilterSubject {
        local = local == null ? null : local.clone();
        remote = remote == null ? null : remote.clone();
    }

    /** The subject ss builds for a socket from a netlink dump (Unix sockets as {@code unix_show_sock} does). */
    public static FilterSubject of(SocketRecord socket) {
        return switch (socket) {
            case InetSocket s -> new FilterSubject(s.family(), s.local().address(), s.peer().address(),
                    s.local().port(), s.peer().port(), s.ifindex(), s.mark(), s.cgroupId());
            case UnixSocket s -> new FilterSubject(AddressFamily.UNIX, netlinkUnixName(s.name()), null,
                    (int) s.inode(), (int) s.peerInode(), 0, 0, 0);
            case PacketSocket s -> new FilterSubject(AddressFamily.PACKET, hostWord(s.protocol()), new byte[4],
                    s.ifindex(), 0, s.ifindex(), 0, 0);
            case NetlinkSocket s -> new FilterSubject(AddressFamily.NETLINK, hostWord(s.protocol()), new byte[4],
                    s.portid(), -1, 0, 0, 0);
        };
    }

    /**
     * The subject ss builds for a Unix socket read from {@code /proc/net/unix}: the name as that file shows
     * it, cut at the first white space as {@code sscanf("%s")} cuts it, the peer's name as ss found it
     * ({@code peerName}, ignored when null or {@code *}), and zero ports.
     */
    public static FilterSubject ofProcUnix(UnixSocket socket) {
        byte[] peer = socket.peerName();
        boolean noPeer = peer == null || Arrays.equals(peer, new byte[] {'*'});
        return new FilterSubject(AddressFamily.UNIX, procUnixName(socket.name()), noPeer ? null : peer,
                0, 0, 0, 0, 0);
    }

    /** A netlink-dump name: an abstract name's NUL bytes all become '@'; a path ends at its first NUL. */
    private static byte[] netlinkUnixName(byte[] name) {
        if (name == null) {
            return null;
        }
        if (name.length > 0 && name[0] == 0) {
            byte[] out = name.clone();
            for (int i = 0; i < out.length; i++) {
                if (out[i] == 0) {
                    out[i] = '@';
                }
            }
            return out;
        }
        return cString(name);
    }

    /** A {@code /proc/net/unix} name: NULs shown as '@' (a path's trailing NUL dropped), cut at white space. */
    private static byte[] procUnixName(byte[] name) {
        if (name == null || name.length == 0) {
            return null;
        }
        int len = name.length;
        if (name[0] != 0) {
            while (len > 0 && name[len - 1] == 0) {
                len--;
            }
        }
        byte[] out = Arrays.copyOf(name, len);
        for (int i = 0; i < out.length; i++) {
            if (out[i] == 0) {
                out[i] = '@';
            }
        }
        for (int i = 0; i < out.length; i++) {
            if (CNumbers.isSpace((char) (out[i] & 0xFF))) {
                return i == 0 ? null : Arrays.copyOf(out, i);
            }
        }
        return out.length == 0 ? null : out;
    }

    private static byte[] cString(byte[] b) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] == 0) {
                return Arrays.copyOf(b, i);
            }
        }
        return b.clone();
    }

    /** A 32-bit value as it lies in memory on this machine (ss stores protocols this way). */
    static byte[] hostWord(int value) {
        return ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(value).array();
    }

    @Override
    public byte[] local() {
        return local == null ? null : local.clone();
    }

    @Override
    public byte[] remote() {
        return remote == null ? null : remote.clone();
    }

    /** Package access to the bytes without a copy; callers must not modify them. */
    byte[] localBytes() {
        return local;
    }

    byte[] remoteBytes() {
        return remote;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FilterSubject s && family == s.family && Arrays.equals(local, s.local)
                && Arrays.equals(remote, s.remote) && localPort == s.localPort && remotePort == s.remotePort
                && ifindex == s.ifindex && mark == s.mark && cgroupId == s.cgroupId;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(new Object[] {family, Arrays.hashCode(local), Arrays.hashCode(remote), localPort,
            remotePort, ifindex, mark, cgroupId});
    }

    @Override
    public String toString() {
        return "FilterSubject[family=" + family + ", local=" + Arrays.toString(local) + ", remote="
                + Arrays.toString(remote) + ", ports=" + localPort + "/" + remotePort + ", if=" + ifindex
                + ", mark=" + mark + ", cgroup=" + cgroupId + "]";
    }
}
