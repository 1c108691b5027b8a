package io.sockscope.kernel;

import io.sockscope.model.AddressFamily;
import io.sockscope.model.TcpState;
import io.sockscope.netlink.InetDiagReq;
import io.sockscope.netlink.InetDiagReqV2;
import io.sockscope.netlink.NetlinkDiagReq;
import io.sockscope.netlink.AttributeCursor;
import io.sockscope.netlink.MessageCursor;
import io.sockscope.netlink.NetlinkHeader;
import io.sockscope.netlink.PacketDiagReq;
import io.sockscope.netlink.SockDiag;
import io.sockscope.netlink.UnixDiagMsg;
import io.sockscope.netlink.UnixDiagReq;
import io.sockscope.testing.ProcNet;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The tool that records the golden replies under {@code src/test/resources/golden/replies}: it opens one
 * socket of every kind this package decodes, dumps each table from the running kernel, and writes the raw
 * reply datagrams plus {@code facts.properties}, what {@code /proc/net} and the JDK say about those sockets
 * (the independent truth the decoding tests compare against). A program, not a test: the build never runs
 * it. Run it as root (packet sockets need CAP_NET_RAW), from the root of the project:
 *
 * <pre>
 * JAVA_HOME=$JDK mvn -B -q -pl core test-compile
 * $JDK/bin/java --enable-native-access=ALL-UNNAMED -cp core/target/classes:core/target/test-classes \
 *     io.sockscope.kernel.GoldenReplyCapture core/src/test/resources/golden/replies
 * </pre>
 */
final class GoldenReplyCapture {
    private static final int SEQ = 123456;
    private static final int ALL_EXTENSIONS = 0x7f;

    private GoldenReplyCapture() {
    }

    /** @param args the directory to write the replies and {@code facts.properties} to */
    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: GoldenReplyCapture DIRECTORY");
            System.exit(2);
        }
        capture(Path.of(args[0]));
    }

    private static void capture(Path out) throws Exception {
        Files.createDirectories(out);
        Map<String, Object> facts = new TreeMap<>();
        int lo = ProcNet.loopbackIndex();
        Path dir = Files.createTempDirectory("sockscope-golden");
        Path unixPath = dir.resolve("golden.sock");
        String abstractName = "sockscope-golden";
        InetAddress v4 = InetAddress.getByName("127.0.0.1");
        InetAddress v6 = InetAddress.getByName("::1");
        List<AutoCloseable> opened = new ArrayList<>();
        List<Integer> rawFds = new ArrayList<>();
        try {
            ServerSocketChannel listen4 = keep(opened, ServerSocketChannel.open(StandardProtocolFamily.INET));
            listen4.bind(new InetSocketAddress(v4, 0), 7);
            SocketChannel client = keep(opened, SocketChannel.open(StandardProtocolFamily.INET));
            client.connect(listen4.getLocalAddress());
            keep(opened, listen4.accept());
            client.write(ByteBuffer.wrap("hello".getBytes()));   // left unread: the server's receive queue
            SocketChannel halfClosed = keep(opened, SocketChannel.open(StandardProtocolFamily.INET));
            halfClosed.connect(listen4.getLocalAddress());
            keep(opened, listen4.accept());
            halfClosed.shutdownOutput();                          // client FIN-WAIT-2, server CLOSE-WAIT
            ServerSocketChannel listen6 = keep(opened, ServerSocketChannel.open(StandardProtocolFamily.INET6));
            listen6.bind(new InetSocketAddress(v6, 0), 9);
            DatagramChannel udp4 = keep(opened, DatagramChannel.open(StandardProtocolFamily.INET));
            udp4.bind(new InetSocketAddress(v4, 0));
            ServerSocketChannel unixListen = keep(opened, ServerSocketChannel.open(StandardProtocolFamily.UNIX));
            unixListen.bind(UnixDomainSocketAddress.of(unixPath));
            SocketChannel unixClient = keep(opened, SocketChannel.open(StandardProtocolFamily.UNIX));
            unixClient.connect(UnixDomainSocketAddress.of(unixPath));
            keep(opened, unixListen.accept());
            rawFds.add(RawSockets.abstractUnixDatagram(abstractName));
            rawFds.add(RawSockets.packet(SockDiag.SOCK_RAW, 0x0003, lo));
            rawFds.add(RawSockets.packet(SockDiag.SOCK_DGRAM, 0x0800, 0));
            NetlinkChannel route = keep(opened, NetlinkChannel.open(0));
            NetlinkChannel diag = keep(opened, NetlinkChannel.open(SockDiag.NETLINK_SOCK_DIAG));
            Thread.sleep(100);  // let the FIN be acknowledged

            int port4 = port(listen4.getLocalAddress());
            int clientPort = port(client.getLocalAddress());
            int halfPort = port(halfClosed.getLocalAddress());
            int port6 = port(listen6.getLocalAddress());
            int udpPort = port(udp4.getLocalAddress());
            facts.put("uid", ProcNet.ourUid());
            facts.put("lo.ifindex", lo);
            facts.put("tcp4.listen.port", port4);
            facts.put("tcp4.listen.backlog", 7);
            facts.put("tcp4.listen.inode", ProcNet.inetInode("tcp", port4, 0));
            facts.put("tcp4.client.port", clientPort);
            facts.put("tcp4.client.inode", ProcNet.inetInode("tcp", clientPort, port4));
            facts.put("tcp4.served.inode", ProcNet.inetInode("tcp", port4, clientPort));
            facts.put("tcp4.served.recvq", 5);
            facts.put("tcp4.halfclosed.port", halfPort);
            facts.put("tcp4.halfclosed.inode", ProcNet.inetInode("tcp", halfPort, port4));
            facts.put("tcp6.listen.port", port6);
            facts.put("tcp6.listen.backlog", 9);
            facts.put("tcp6.listen.inode", ProcNet.inetInode("tcp6", port6, 0));
            facts.put("udp4.port", udpPort);
            facts.put("udp4.inode", ProcNet.inetInode("udp", udpPort, 0));
            facts.put("unix.path", unixPath);
            long unixListenInode = ProcNet.unixInode(unixPath.toString(), 1);
            long unixServedInode = ProcNet.unixInode(unixPath.toString(), 3);
            long abstractInode = ProcNet.unixInode("@" + abstractName);
            facts.put("unix.listen.inode", unixListenInode);
            facts.put("unix.served.inode", unixServedInode);
            facts.put("unix.path.file.inode", Files.getAttribute(unixPath, "unix:ino"));
            facts.put("unix.abstract.name", abstractName);
            facts.put("unix.abstract.inode", abstractInode);
            facts.put("packet.raw.inode", ProcNet.packetInode(SockDiag.SOCK_RAW, 0x0003, lo));
            facts.put("packet.dgram.inode", ProcNet.packetInode(SockDiag.SOCK_DGRAM, 0x0800, 0));
            facts.put("netlink.route.portid", Integer.toUnsignedString(route.portId()));
            facts.put("netlink.route.inode", ProcNet.netlinkInode(0, route.portId()));
            facts.put("netlink.diag.portid", Integer.toUnsignedString(diag.portId()));
            facts.put("netlink.diag.inode", ProcNet.netlinkInode(SockDiag.NETLINK_SOCK_DIAG, diag.portId()));

            int all = TcpState.ALL;
            record(diag, out, "tcp4.bin", InetDiagReqV2.encode(AddressFamily.INET, 6, 0, all, null, SEQ));
            record(diag, out, "tcp4-ext.bin",
                    InetDiagReqV2.encode(AddressFamily.INET, 6, ALL_EXTENSIONS, all, null, SEQ));
            record(diag, out, "tcp6.bin", InetDiagReqV2.encode(AddressFamily.INET6, 6, 0, all, null, SEQ));
            record(diag, out, "udp4.bin", InetDiagReqV2.encode(AddressFamily.INET, 17, 0, all, null, SEQ));
            record(diag, out, "raw4-enoent.bin", InetDiagReqV2.encode(AddressFamily.INET, 255, 0, all, null, SEQ));
            record(diag, out, "dccp-legacy-einval.bin",
                    InetDiagReq.encode(SockDiag.DCCPDIAG_GETSOCK, AddressFamily.INET, 0, all, null, SEQ));
            record(diag, out, "mptcp4.bin", InetDiagReqV2.encode(AddressFamily.INET, 262, 0, all, null, SEQ));
            // Keep our unix sockets only: the machine may hold tens of thousands of others.
            Set<Long> ours = Set.of(unixListenInode, unixServedInode, abstractInode);
            record(diag, out, "unix-ours.bin", UnixDiagReq.encode(all, 0x7f, SEQ),
                    message -> ours.contains(Integer.toUnsignedLong(MemorySegment.ofArray(message)
                            .get(ValueLayout.JAVA_INT_UNALIGNED, NetlinkHeader.SIZE + UnixDiagMsg.INO)))
                            || peerOf(message) == unixServedInode);
            record(diag, out, "packet-all.bin", PacketDiagReq.encode(0x3f, SEQ));
            record(diag, out, "netlink-all.bin", NetlinkDiagReq.encode(NetlinkDiagReq.NDIAG_PROTO_ALL,
                    NetlinkDiagReq.NDIAG_SHOW_GROUPS | NetlinkDiagReq.NDIAG_SHOW_MEMINFO, SEQ));
            record(route, out, "rtnetlink-extack.bin", unknownLinkKindRequest());
        } finally {
            rawFds.forEach(RawSockets::close);
            for (AutoCloseable c : opened.reversed()) {
                c.close();
            }
            Files.deleteIfExists(unixPath);
            Files.deleteIfExists(dir);
        }
        StringBuilder text = new StringBuilder("# What /proc/net and the JDK said about the captured sockets.\n");
        facts.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        Files.writeString(out.resolve("facts.properties"), text);
    }

    /**
     * An RTM_NEWLINK request for a link of a kind that does not exist: refused with EOPNOTSUPP and the extended
     * ack text "Unknown device type", and creates nothing.
     */
    static byte[] unknownLinkKindRequest() {
        byte[] request = new byte[NetlinkHeader.SIZE + 16 + 16 + 16];
        MemorySegment s = MemorySegment.ofArray(request);
        int create = 0x400;
        int exclusive = 0x200;
        NetlinkHeader.write(s, 0, request.length, 16 /* RTM_NEWLINK */,
                NetlinkHeader.NLM_F_REQUEST | NetlinkHeader.NLM_F_ACK | create | exclusive, SEQ, 0);
        long at = NetlinkHeader.SIZE + 16;                     // after an all-zero struct ifinfomsg
        at = attribute(s, at, 3 /* IFLA_IFNAME */, "sockscope0\0");
        s.set(ValueLayout.JAVA_SHORT_UNALIGNED, at, (short) 16);  // IFLA_LINKINFO, nesting:
        s.set(ValueLayout.JAVA_SHORT_UNALIGNED, at + 2, (short) 18);
        attribute(s, at + 4, 1 /* IFLA_INFO_KIND */, "nosuchk\0");
        return request;
    }

    private static long attribute(MemorySegment s, long at, int type, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
        s.set(ValueLayout.JAVA_SHORT_UNALIGNED, at, (short) (4 + bytes.length));
        s.set(ValueLayout.JAVA_SHORT_UNALIGNED, at + 2, (short) type);
        MemorySegment.copy(bytes, 0, s, ValueLayout.JAVA_BYTE, at + 4, bytes.length);
        return at + NetlinkHeader.align(4 + bytes.length);
    }

    private static <T extends AutoCloseable> T keep(List<AutoCloseable> opened, T resource) {
        opened.add(resource);
        return resource;
    }

    private static int port(java.net.SocketAddress address) {
        return ((InetSocketAddress) address).getPort();
    }

    /** Writes every datagram of the reply, each padded to 4 bytes (the layout of {@code ss -D}). */
    private static void record(NetlinkChannel channel, Path out, String name, byte[] request) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ReplyRecorder recorder = (datagram, length) -> {
            bytes.write(datagram, 0, length);
            bytes.write(new byte[NetlinkHeader.align(length) - length], 0, NetlinkHeader.align(length) - length);
        };
        dump(channel, name, request, recorder);
        Files.write(out.resolve(name), bytes.toByteArray());
    }

    /**
     * Writes the messages of the reply that {@code keep} selects, then its final {@code NLMSG_DONE}: real
     * messages, re-framed as one stream.
     */
    private static void record(NetlinkChannel channel, Path out, String name, byte[] request,
                               Predicate<byte[]> keep) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ReplyRecorder recorder = (datagram, length) -> {
            MessageCursor c = new MessageCursor(datagram, length);
            while (c.next()) {
                byte[] raw = Arrays.copyOfRange(datagram, (int) c.offset(), (int) c.offset() + c.length());
                if (c.type() == NetlinkHeader.NLMSG_DONE || keep.test(raw)) {
                    bytes.write(raw, 0, raw.length);
                    bytes.write(new byte[NetlinkHeader.align(raw.length) - raw.length], 0,
                            NetlinkHeader.align(raw.length) - raw.length);
                }
            }
        };
        dump(channel, name, request, recorder);
        Files.write(out.resolve(name), bytes.toByteArray());
    }

    /** The {@code UNIX_DIAG_PEER} of a whole unix_diag message, or -1. */
    private static long peerOf(byte[] message) {
        int attributes = NetlinkHeader.SIZE + UnixDiagMsg.SIZE;
        AttributeCursor c = new AttributeCursor(message, attributes, message.length - attributes);
        while (c.next()) {
            if (c.type() == UnixDiagMsg.UNIX_DIAG_PEER) {
                return c.u32AsLongAt(0);
            }
        }
        return -1;
    }

    private static void dump(NetlinkChannel channel, String name, byte[] request, ReplyRecorder recorder) {
        try {
            channel.dump("capture " + name, request, (type, flags, buffer, offset, length) -> { }, w -> { }, recorder);
        } catch (NetlinkException expected) {
            // Error replies are fixtures too (raw diag missing, DCCP gone): the recorder has them.
        }
    }
}
