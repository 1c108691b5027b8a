package io.sockscope.filter;

import io.sockscope.model.AddressFamily;
import io.sockscope.model.InetEndpoint;
import io.sockscope.model.InetSocket;
import io.sockscope.model.NetlinkSocket;
import io.sockscope.model.PacketSocket;
import io.sockscope.model.SocketRecord;
import io.sockscope.model.SocketTable;
import io.sockscope.model.Timer;
import io.sockscope.model.UnixSocket;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How each kind of socket is presented to the filter, as ss fills {@code struct sockstat} from a netlink
 * dump (unix_show_sock, packet_show_sock, netlink_show_one, parse_diag_msg), and what the evaluator then
 * makes of it.
 */
class FilterSubjectTest {
    private static final EphemeralPortRange RANGE = new EphemeralPortRange(32768, 60999);

    private static UnixSocket unix(byte[] name, long inode, long peer) {
        return new UnixSocket(SocketTable.UNIX_STREAM, 1, 0, 0, name, inode, peer, null, -1, -1, -1, null, -1, null);
    }

    private static boolean matches(String expression, int preferredFamily, SocketRecord socket) throws Exception {
        Filter f = Filters.parse(List.of(expression),
                new ParseContext(preferredFamily, true, true, ParserTableTest.environment())).expression().orElseThrow();
        return FilterEvaluator.of(f, RANGE).matches(socket);
    }

    @Test
    void unixNamesFromTheDumpShowAbstractNulsAsAt() throws Exception {
        UnixSocket autobind = unix("\0abc12".getBytes(StandardCharsets.ISO_8859_1), 7, 0);
        assertArrayEquals("@abc12".getBytes(), FilterSubject.of(autobind).local());
        assertTrue(matches("autobound", AddressFamily.UNIX, autobind));
        assertTrue(matches("src @abc*", AddressFamily.UNIX, autobind));
        assertTrue(matches("src @ABC12", AddressFamily.UNIX, autobind), "globs fold case");

        UnixSocket upper = unix("\0ABC12".getBytes(StandardCharsets.ISO_8859_1), 8, 0);
        assertFalse(matches("autobound", AddressFamily.UNIX, upper), "autobind names are lower-case hex");

        UnixSocket inner = unix("\0a\0b".getBytes(StandardCharsets.ISO_8859_1), 9, 0);
        assertArrayEquals("@a@b".getBytes(), FilterSubject.of(inner).local());

        UnixSocket path = unix("/run/x.sock\0".getBytes(StandardCharsets.ISO_8859_1), 10, 0);
        assertArrayEquals("/run/x.sock".getBytes(), FilterSubject.of(path).local());
        assertFalse(matches("autobound", AddressFamily.UNIX, path));
        assertTrue(matches("src /run/*", AddressFamily.UNIX, path));
        assertTrue(matches("src *", AddressFamily.UNIX, path), "'*' crosses '/' (no FNM_PATHNAME)");

        UnixSocket unnamed = unix(null, 11, 0);
        assertNull(FilterSubject.of(unnamed).local());
        assertTrue(matches("autobound", AddressFamily.UNIX, unnamed));
        assertTrue(matches("src unix:", AddressFamily.UNIX, unnamed), "no name matches as the empty name");
        assertFalse(matches("src ?*", AddressFamily.UNIX, unnamed));
    }

    @Test
    void unixPortsAreInodesAndThePeerHasNoNameInTheDump() throws Exception {
        UnixSocket s = unix("/x\0".getBytes(StandardCharsets.ISO_8859_1), 4242, 777);
        FilterSubject subject = FilterSubject.of(s);
        assertEquals(4242, subject.localPort());
        assertEquals(777, subject.remotePort());
        assertNull(subject.remote(), "unix_show_sock never fills the peer's address");
        FilterEvaluator atLeast = FilterEvaluator.of(new Filter.PortAtLeast(Filter.Side.LOCAL,
                new HostSpec.InetHost(4242, List.of())), RANGE);
        assertTrue(atLeast.matches(s));
        assertTrue(matches("dst *", AddressFamily.UNIX, s));
        assertFalse(matches("dst ?*", AddressFamily.UNIX, s));
        assertTrue(matches("src inet:*:4242", AddressFamily.UNSPEC, s), "an inet port test compares the inode");
    }

    @Test
    void unixFromProcHasNoPortsAndNamesCutAtWhiteSpace() {
        UnixSocket s = new UnixSocket(SocketTable.UNIX_STREAM, 1, 0, 0, "/tmp/a b\0".getBytes(StandardCharsets.ISO_8859_1),
                5, 6, "/peer".getBytes(), -1, -1, -1, null, -1, null);
        FilterSubject p = FilterSubject.ofProcUnix(s);
        assertArrayEquals("/tmp/a".getBytes(), p.local());
        assertArrayEquals("/peer".getBytes(), p.remote());
        assertEquals(0, p.localPort());
        assertEquals(0, p.remotePort());
        UnixSocket starPeer = new UnixSocket(SocketTable.UNIX_STREAM, 1, 0, 0, null, 5, 6, "*".getBytes(), -1, -1,
                -1, null, -1, null);
        assertNull(FilterSubject.ofProcUnix(starPeer).remote(), "ss leaves a '*' peer out");
    }

    @Test
    void packetSocketsUseProtocolAsAddressAndInterfaceAsPort() throws Exception {
        PacketSocket ip = new PacketSocket(SocketTable.PACKET_DGRAM, 0x0800, 2, 0, 1, 0, 0, null);
        FilterSubject s = FilterSubject.of(ip);
        assertEquals(2, s.localPort());
        assertEquals(2, s.ifindex());
        assertTrue(matches("src ip:eth0", AddressFamily.PACKET, ip));
        assertTrue(matches("src link:IP", AddressFamily.UNSPEC, ip));
        assertFalse(matches("src arp", AddressFamily.PACKET, ip));
        assertTrue(matches("dev eth0", AddressFamily.PACKET, ip));
        assertFalse(matches("autobound", AddressFamily.PACKET, ip));
        assertTrue(matches("autobound", AddressFamily.PACKET,
                new PacketSocket(SocketTable.PACKET_RAW, 0, 0, 0, 1, 0, 0, null)), "protocol 0 on no interface");
    }

    @Test
    void netlinkSocketsUsePortIdAsLocalPortAndMinusOneAsPeer() throws Exception {
        NetlinkSocket kernel = new NetlinkSocket(0, 0, 0, false, 0, 0, 0, 0, 0, 0, 0, false, null);
        NetlinkSocket unbound = new NetlinkSocket(4, -1, 0, false, 0, 0, 0, 0, 0, 0, 0, false, null);
        assertTrue(matches("src rtnl:kernel", AddressFamily.NETLINK, kernel));
        assertFalse(matches("src tcpdiag", AddressFamily.NETLINK, kernel));
        assertTrue(matches("autobound", AddressFamily.NETLINK, unbound));
        assertFalse(matches("autobound", AddressFamily.NETLINK, kernel));
        assertEquals(-1, FilterSubject.of(kernel).remotePort());
        assertTrue(matches("dport = :-1", AddressFamily.UNSPEC, kernel), "-1 means any port, as in ss");
    }

    @Test
    void inetSocketsCarryAddressesPortsDeviceMarkAndCgroup() throws Exception {
        InetSocket s = new InetSocket(SocketTable.TCP, AddressFamily.INET6, 1, 0, 0,
                new InetEndpoint(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1, -1, 10, 1, 2, 3}, 40000),
                new InetEndpoint(new byte[16], 22), 2, 1, 0, 0, Timer.OFF, 0, -1, -1, 0x13, 1234, -1, null, null);
        assertTrue(matches("src 10.1.0.0/16", AddressFamily.UNSPEC, s), "v4 rule, v4-mapped socket");
        assertFalse(matches("src [::ffff:10.1.2.4]", AddressFamily.UNSPEC, s));
        assertTrue(matches("autobound and dport = :22 and dev eth0", AddressFamily.UNSPEC, s));
        assertTrue(matches("fwmark 0x10/0x10 and fwmark 0x13 and not fwmark 0x12", AddressFamily.UNSPEC, s));
        assertTrue(matches("cgroup /sys/fs/cgroup/x", AddressFamily.UNSPEC, s));
        assertTrue(matches("sport > :39999 and sport < :40001", AddressFamily.UNSPEC, s));
    }
}
