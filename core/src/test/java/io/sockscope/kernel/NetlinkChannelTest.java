package io.sockscope.kernel;

import io.sockscope.model.AddressFamily;
import io.sockscope.model.IpProtocol;
import io.sockscope.model.TcpState;
import io.sockscope.netlink.IfInfoMsg;
import io.sockscope.netlink.InetDiagReqV2;
import io.sockscope.netlink.MessageCursor;
import io.sockscope.netlink.NetlinkHeader;
import io.sockscope.netlink.SockDiag;
import io.sockscope.testing.ProcNet;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The channel against the running kernel (no privilege needed). */
class NetlinkChannelTest {
    /**
     * A protocol RFC 3692 sets aside for experiments: no kernel module serves sock_diag for it, so every
     * kernel refuses the dump (raw, the protocol asked before, has a handler wherever raw_diag is loaded).
     */
    private static final int IPPROTO_EXPERIMENT = 253;

    @Test
    void portIdIsTheOneProcShows() throws Exception {
        try (NetlinkChannel channel = NetlinkChannel.open(SockDiag.NETLINK_SOCK_DIAG)) {
            assertTrue(ProcNet.netlinkInode(SockDiag.NETLINK_SOCK_DIAG, channel.portId()) > 0,
                    "/proc/net/netlink lists port " + channel.portId());
        }
    }

    @Test
    void dumpDeliversMessagesAndRecordsTheWholeReply() throws Exception {
        byte[] request = InetDiagReqV2.encode(AddressFamily.INET, IpProtocol.IPPROTO_TCP, 0, TcpState.ALL, null, 42);
        List<Integer> types = new ArrayList<>();
        List<byte[]> datagrams = new ArrayList<>();
        try (NetlinkChannel channel = NetlinkChannel.open(SockDiag.NETLINK_SOCK_DIAG)) {
            DumpOutcome outcome = channel.dump("sock_diag dump", request, (type, flags, buffer, offset, length) -> types.add(type),
                    w -> { throw new AssertionError(w); }, (d, n) -> datagrams.add(Arrays.copyOf(d, n)));
            assertEquals(DumpOutcome.CONSISTENT, outcome);
            int recordedData = 0;
            boolean sawDone = false;
            for (byte[] d : datagrams) {
                MessageCursor c = new MessageCursor(d, d.length);
                while (c.next()) {
                    assertEquals(42, c.seq());
                    assertEquals(channel.portId(), c.portId());
                    if (c.type() == NetlinkHeader.NLMSG_DONE) {
                        sawDone = true;
                    } else {
                        recordedData++;
                    }
                }
            }
            assertTrue(sawDone, "the recording ends with NLMSG_DONE");
            assertEquals(recordedData, types.size(), "every recorded data message was delivered");
            types.forEach(t -> assertEquals(SockDiag.SOCK_DIAG_BY_FAMILY, t));
        }
    }

    @Test
    void kernelErrorBecomesATypedExceptionNamingCallAndErrno() throws Exception {
        byte[] request = InetDiagReqV2.encode(AddressFamily.INET, IPPROTO_EXPERIMENT, 0, TcpState.ALL, null, 7);
        try (NetlinkChannel channel = NetlinkChannel.open(SockDiag.NETLINK_SOCK_DIAG)) {
            List<String> delivered = new ArrayList<>();
            NetlinkException e = assertThrows(NetlinkException.class,
                    () -> channel.dump("sock_diag dump", request, (t, f, b, o, n) -> delivered.add("message"), w -> { }));
            // No kernel has a diag handler for the protocol: the dump ends with ENOENT.
            assertEquals("sock_diag dump: ENOENT", e.getMessage());
            assertEquals("sock_diag dump", e.call());
            assertEquals(Errno.ENOENT, e.errno());
            assertEquals("ENOENT", e.errnoName());
            assertTrue(e.reportedByKernel());
            assertEquals(0, e.messagesDelivered(), "the kernel refuses in the first datagram");
            assertEquals(List.of(), delivered, "nothing is delivered from a refused dump");
        }
    }

    @Test
    void aRequestThatIsNotADumpEndsWithItsAcknowledgement() throws Exception {
        // RTM_GETLINK for the loopback interface, acknowledged: one RTM_NEWLINK reply, then the ack.
        byte[] request = new byte[NetlinkHeader.SIZE + 16];
        MemorySegment s = MemorySegment.ofArray(request);
        NetlinkHeader.write(s, 0, request.length, 18, NetlinkHeader.NLM_F_REQUEST | NetlinkHeader.NLM_F_ACK, 9, 0);
        s.set(ValueLayout.JAVA_INT_UNALIGNED, NetlinkHeader.SIZE + 4, ProcNet.loopbackIndex());  // ifi_index
        List<Integer> types = new ArrayList<>();
        try (NetlinkChannel route = NetlinkChannel.open(0)) {
            route.dump("rtnetlink get", request, (type, flags, buffer, offset, length) -> {
                types.add(type);
                assertEquals(ProcNet.loopbackIndex(), IfInfoMsg.decode(buffer, offset, length).index());
            }, w -> { throw new AssertionError(w); });
        }
        assertEquals(List.of(16), types, "one RTM_NEWLINK describing lo");
    }

    @Test
    void aClosedChannelRefusesWork() throws Exception {
        NetlinkChannel channel = NetlinkChannel.open(SockDiag.NETLINK_SOCK_DIAG);
        channel.close();
        channel.close();
        byte[] request = InetDiagReqV2.encode(AddressFamily.INET, IpProtocol.IPPROTO_TCP, 0, TcpState.ALL, null, 1);
        assertThrows(IllegalStateException.class, () -> channel.dump("x", request, (t, f, b, o, n) -> { }, w -> { }));
    }

    @Test
    void unknownProtocolFailsAtSocket() {
        NetlinkException e = assertThrows(NetlinkException.class, () -> NetlinkChannel.open(1000));
        assertEquals("socket", e.call());
        assertEquals("socket: EPROTONOSUPPORT", e.getMessage());
    }

    @Test
    void errnoNamesAndMessages() {
        assertEquals("EINVAL", Errno.name(22));
        assertEquals("Invalid argument", Errno.message(22));
        assertEquals("errno 4000", Errno.name(4000));
        assertEquals("Unknown error 4000", Errno.message(4000));
    }
}
