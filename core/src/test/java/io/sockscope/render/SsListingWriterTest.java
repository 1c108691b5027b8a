package io.sockscope.render;

import io.sockscope.model.AddressFamily;
import io.sockscope.model.InetEndpoint;
import io.sockscope.model.InetSocket;
import io.sockscope.model.NetlinkSocket;
import io.sockscope.model.Owner;
import io.sockscope.model.PacketSocket;
import io.sockscope.model.ProcessName;
import io.sockscope.model.SocketRecord;
import io.sockscope.model.SocketTable;
import io.sockscope.model.TcpState;
import io.sockscope.model.Timer;
import io.sockscope.model.UnixSocket;
import io.sockscope.names.NetlinkProtocolNames;
import io.sockscope.names.ProcessNames;
import io.sockscope.names.ProtocolNames;
import io.sockscope.names.ServiceNames;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Golden text. The listener listings (numeric, with service names, without header) were printed by iproute2
 * ss 6.1 for the same sockets, created in a fresh network namespace by a small python3 script; the owner and
 * unix/packet/netlink cases follow the same layout rules and are checked against the real ss by the
 * differential suite.
 */
class SsListingWriterTest {
    private static final Path NAMES = Path.of("src/test/resources/names");

    static NameLookups names() {
        return new NameLookups(
                new ServiceNames(NAMES.resolve("services"), NAMES.resolve("ip_local_port_range")),
                new ProtocolNames(Path.of("/nonexistent")),
                new NetlinkProtocolNames(Path.of("/nonexistent")),
                new ProcessNames(Path.of("/nonexistent")),
                index -> index == 2 ? "veth0" : "if" + index);
    }

    private static InetEndpoint ep(String address, int port) throws Exception {
        return new InetEndpoint(InetAddress.getByName(address).getAddress(), port);
    }

    private static InetEndpoint ep6(String address, int port) throws Exception {
        byte[] a = InetAddress.getByName(address).getAddress();
        if (a.length == 4) {
            a = new byte[16];
        }
        return new InetEndpoint(a, port);
    }

    private static InetSocket tcp(int state, int recvQ, int sendQ, InetEndpoint local, InetEndpoint peer,
                                  int v6only, long inode) {
        int family = local.address().length == 4 ? AddressFamily.INET : AddressFamily.INET6;
        return new InetSocket(SocketTable.TCP, family, state, recvQ, sendQ, local, peer, 0, inode, 0, 0, Timer.OFF, 0,
                v6only, -1, 0, 0, -1, null, null);
    }

    private static List<SocketRecord> listeners() throws Exception {
        int listen = TcpState.LISTEN.code();
        return List.of(
                new InetSocket(SocketTable.UDP, AddressFamily.INET, TcpState.CLOSE.code(), 0, 0, ep("0.0.0.0", 53),
                        ep("0.0.0.0", 0), 0, 1, 0, 0, Timer.OFF, 0, -1, -1, 0, 0, -1, null, null),
                tcp(listen, 0, 128, ep("0.0.0.0", 22), ep("0.0.0.0", 0), -1, 2),
                tcp(listen, 0, 5, ep("127.0.0.1", 8080), ep("0.0.0.0", 0), -1, 3),
                tcp(listen, 0, 128, ep6("::", 443), ep6("::", 0), 0, 4),
                tcp(listen, 0, 128, ep6("::", 80), ep6("::", 0), 1, 5),
                tcp(listen, 0, 128, ep6("::1", 5432), ep6("::", 0), 1, 6));
    }

    private static String render(List<SocketRecord> rows, ListingFormat format, OwnerLookup owners)
            throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SsListingWriter w = new SsListingWriter(out, format, names(), owners);
        if (format.header()) {
            w.header();
        }
        for (SocketRecord r : rows) {
            w.write(r);
        }
        w.finish();
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    @Test
    void numericListenersMatchSs() throws Exception {
        String expected = """
                Netid State  Recv-Q Send-Q Local Address:Port Peer Address:PortProcess
                udp   UNCONN 0      0            0.0.0.0:53        0.0.0.0:*         \s
                tcp   LISTEN 0      128          0.0.0.0:22        0.0.0.0:*         \s
                tcp   LISTEN 0      5          127.0.0.1:8080      0.0.0.0:*         \s
                tcp   LISTEN 0      128                *:443             *:*         \s
                tcp   LISTEN 0      128             [::]:80           [::]:*         \s
                tcp   LISTEN 0      128            [::1]:5432         [::]:*         \s
                """;
        assertEquals(expected, render(listeners(), new ListingFormat(true, true, true, true, false, false, -1),
                OwnerLookup.NONE));
    }

    @Test
    void serviceNamesWithoutNumeric() throws Exception {
        String expected = """
                Netid State  Recv-Q Send-Q Local Address:Port       Peer Address:PortProcess
                udp   UNCONN 0      0            0.0.0.0:domain          0.0.0.0:*         \s
                tcp   LISTEN 0      128          0.0.0.0:ssh             0.0.0.0:*         \s
                tcp   LISTEN 0      5          127.0.0.1:http-alt        0.0.0.0:*         \s
                tcp   LISTEN 0      128                *:https                 *:*         \s
                tcp   LISTEN 0      128             [::]:http               [::]:*         \s
                tcp   LISTEN 0      128            [::1]:postgresql         [::]:*         \s
                """;
        assertEquals(expected, render(listeners(), new ListingFormat(true, true, true, false, false, false, -1),
                OwnerLookup.NONE));
    }

    @Test
    void withoutHeaderNetidOrStateColumnsShrink() throws Exception {
        String expected = """
                LISTEN 0      128      0.0.0.0:22   0.0.0.0:*
                LISTEN 0      5      127.0.0.1:8080 0.0.0.0:*
                LISTEN 0      128            *:443        *:*
                LISTEN 0      128         [::]:80      [::]:*
                LISTEN 0      128        [::1]:5432    [::]:*
                """;
        assertEquals(expected, render(listeners().subList(1, 6),
                new ListingFormat(false, true, false, true, false, false, -1), OwnerLookup.NONE));
    }

    @Test
    void ownersAndTheLastRowRuleOfTheProcessColumn() throws Exception {
        // ss measures the Process column over every row but the last one (its field is still open when the
        // batch is printed), so only the shorter rows are padded to the widest earlier one.
        Map<Long, List<Owner>> owners = Map.of(
                2L, List.of(new Owner("sshd", 812, 812, 3)),
                3L, List.of(new Owner("python3", 4242, 4242, 7), new Owner("python3", 4241, 4241, 7)));
        String expected = """
                State  Recv-Q Send-Q Local Address:Port Peer Address:PortProcess                      \s
                LISTEN 0      128          0.0.0.0:22        0.0.0.0:*    users:(("sshd",pid=812,fd=3))
                LISTEN 0      5          127.0.0.1:8080      0.0.0.0:*    users:(("python3",pid=4242,fd=7),("python3",pid=4241,fd=7))
                """;
        assertEquals(expected, render(listeners().subList(1, 3),
                new ListingFormat(false, true, true, true, true, false, -1),
                inode -> owners.getOrDefault(inode, List.of())));
    }

    @Test
    void ownerNamesAreTheKernelsBytesAndTheColumnIsSizedInBytes() throws Exception {
        // U+011B is C4 9B, U+010A is C4 8A: written one byte per char they were ESC and a newline. Widths count
        // bytes: "üml" is four, so the two-char names' rows are padded to its row, and so is the last one.
        Map<Long, List<Owner>> owners = Map.of(
                2L, List.of(new Owner(name("c3bc6d6c"), 1, 1, 3)),
                3L, List.of(new Owner(name("c49b41"), 2, 2, 3)),
                4L, List.of(new Owner(name("c48a42"), 3, 3, 3)),
                5L, List.of(new Owner(name("fd6d6c"), 4, 4, 3)));
        String expected = """
                State  Recv-Q Send-Q Local Address:Port Peer Address:PortProcess                    \s
                LISTEN 0      128          0.0.0.0:22        0.0.0.0:*    users:(("<u>",pid=1,fd=3))
                LISTEN 0      5          127.0.0.1:8080      0.0.0.0:*    users:(("<e>",pid=2,fd=3))\s
                LISTEN 0      128                *:443             *:*    users:(("<c>",pid=3,fd=3))\s
                LISTEN 0      128             [::]:80           [::]:*    users:(("<x>",pid=4,fd=3))\s
                """.replace("<u>", latin1("c3bc6d6c")).replace("<e>", latin1("c49b41"))
                .replace("<c>", latin1("c48a42")).replace("<x>", latin1("fd6d6c"));
        assertEquals(expected, render(listeners().subList(1, 5),
                new ListingFormat(false, true, true, true, true, false, -1),
                inode -> owners.getOrDefault(inode, List.of())));
    }

    @Test
    void onATerminalNamesCannotForgeLinesOrDriveTheTerminal() throws Exception {
        Map<Long, List<Owner>> owners = Map.of(
                2L, List.of(new Owner(name("611b5b324a62"), 1, 1, 3)),   // a ESC[2J b
                3L, List.of(new Owner(name("0a4c495354454e"), 2, 2, 3)));  // a newline, then LISTEN
        ListingFormat format = new ListingFormat(false, true, true, true, true, false, -1,
                new ExtendedOutput(false, false, false, false, false, false, false, false, true), true);
        String expected = """
                State  Recv-Q Send-Q Local Address:Port Peer Address:PortProcess                         \s
                LISTEN 0      128          0.0.0.0:22        0.0.0.0:*    users:(("a\\033[2Jb",pid=1,fd=3))
                LISTEN 0      5          127.0.0.1:8080      0.0.0.0:*    users:(("\\nLISTEN",pid=2,fd=3))\s
                """;
        assertEquals(expected, render(listeners().subList(1, 3), format,
                inode -> owners.getOrDefault(inode, List.of())));
        // The same listing for a pipe is ss's, byte for byte: the name's bytes as they are.
        String raw = render(listeners().subList(1, 3), format.withEscapedControls(false),
                inode -> owners.getOrDefault(inode, List.of()));
        assertTrue(raw.contains("users:((\"a\u001b[2Jb\",pid=1,fd=3))"), raw);
        assertTrue(raw.contains("users:((\"\nLISTEN\",pid=2,fd=3))"), raw);
    }

    @Test
    void onATerminalUnixNamesAndInterfaceNamesAreEscapedToo() throws Exception {
        byte[] path = "/tmp/x\n\u001b[1m".getBytes(StandardCharsets.ISO_8859_1);
        byte[] abstractName = "\0a\rb\\".getBytes(StandardCharsets.ISO_8859_1);
        List<SocketRecord> rows = List.of(
                new UnixSocket(SocketTable.UNIX_STREAM, TcpState.LISTEN.code(), 0, 128, path, 20, 0, null, -1, -1,
                        -1, null, -1, null),
                new UnixSocket(SocketTable.UNIX_DGRAM, TcpState.CLOSE.code(), 0, 0, abstractName, 21, 0, null, -1,
                        -1, -1, null, -1, null),
                new PacketSocket(SocketTable.PACKET_DGRAM, 0x0800, 7, 0, 11, 0, 0, null));
        NameLookups names = names();
        NameLookups oddInterface = new NameLookups(names.services(), names.protocols(), names.netlinkProtocols(),
                names.processes(), index -> "\u00fc\u001b");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SsListingWriter w = new SsListingWriter(out, new ListingFormat(true, true, false, false, false, false, -1,
                ExtendedOutput.NONE, true), oddInterface, OwnerLookup.NONE);
        for (SocketRecord r : rows) {
            w.write(r);
        }
        w.finish();
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(3, text.lines().count(), text);
        assertTrue(text.contains(" /tmp/x\\n\\033[1m 20 "), text);
        assertTrue(text.contains(" @a\\rb\\\\ 21 "), text);
        // An interface's name is written in UTF-8 (as the kernel holds it), its control bytes escaped.
        assertTrue(text.contains(" ip:\u00fc\\033 "), text);
    }

    private static ProcessName name(String hex) {
        byte[] b = HexFormat.of().parseHex(hex);
        return ProcessName.of(b, 0, b.length);
    }

    /** The bytes as the chars {@link #render} turns them into, one char per byte. */
    private static String latin1(String hex) {
        return new String(HexFormat.of().parseHex(hex), StandardCharsets.ISO_8859_1);
    }

    @Test
    void unixPacketAndNetlinkColumns() throws Exception {
        byte[] path = "/run/app.sock".getBytes(StandardCharsets.US_ASCII);
        byte[] abstractName = "\0app\0x".getBytes(StandardCharsets.US_ASCII);
        List<SocketRecord> rows = List.of(
                new NetlinkSocket(0, 0, 0, false, 0, 0, 0, 0, 0, 0, 0, false, null),
                new PacketSocket(SocketTable.PACKET_RAW, 3, 0, 0, 10, 0, 0, null),
                new PacketSocket(SocketTable.PACKET_DGRAM, 0x0800, 2, 0, 11, 0, 0, null),
                new UnixSocket(SocketTable.UNIX_STREAM, TcpState.LISTEN.code(), 0, 128, path, 20, 0, null, -1, -1,
                        -1, null, -1, null),
                new UnixSocket(SocketTable.UNIX_DGRAM, TcpState.CLOSE.code(), 0, 0, abstractName, 21, 0, null, -1,
                        -1, -1, null, -1, null),
                new UnixSocket(SocketTable.UNIX_SEQPACKET, TcpState.ESTABLISHED.code(), 0, 0, null, 22, 23, null,
                        -1, -1, -1, null, -1, null));
        String expected = """
                Netid State  Recv-Q Send-Q Local Address:Port   Peer Address:PortProcess
                nl    UNCONN 0      0               rtnl:kernel             *          \s
                p_raw UNCONN 0      0                  *:*                  *          \s
                p_dgr UNCONN 0      0                 ip:veth0              *          \s
                u_str LISTEN 0      128    /run/app.sock 20                * 0         \s
                u_dgr UNCONN 0      0             @app@x 21                * 0         \s
                u_seq ESTAB  0      0                  * 22                * 23        \s
                """;
        assertEquals(expected, render(rows, new ListingFormat(true, true, true, false, false, false, -1),
                OwnerLookup.NONE));
    }

    /** The same listeners in the order a second namespace's kernel listed them (used for the terminal cases). */
    private static List<SocketRecord> terminalOrder() throws Exception {
        List<SocketRecord> l = listeners();
        return List.of(l.get(0), l.get(1), l.get(2), l.get(3), l.get(5), l.get(4));
    }

    @Test
    void terminalOf100ColumnsSpreadsTheSpare() throws Exception {
        String expected = """
                Netid    State     Recv-Q    Send-Q       Local Address:Port        Peer Address:Port    Process   \s
                udp      UNCONN    0         0                  0.0.0.0:53               0.0.0.0:*                 \s
                tcp      LISTEN    0         128                0.0.0.0:22               0.0.0.0:*                 \s
                tcp      LISTEN    0         5                127.0.0.1:8080             0.0.0.0:*                 \s
                tcp      LISTEN    0         128                      *:443                    *:*                 \s
                tcp      LISTEN    0         128                  [::1]:5432                [::]:*                 \s
                tcp      LISTEN    0         128                   [::]:80                  [::]:*                 \s
                """;
        assertEquals(expected, render(terminalOrder(), new ListingFormat(true, true, true, true, false, false, 100),
                OwnerLookup.NONE));
    }

    @Test
    void terminalOf80ColumnsSpreadsTheSpare() throws Exception {
        String expected = """
                Netid  State   Recv-Q  Send-Q   Local Address:Port   Peer Address:Port Process \s
                udp    UNCONN  0       0              0.0.0.0:53          0.0.0.0:*            \s
                tcp    LISTEN  0       128            0.0.0.0:22          0.0.0.0:*            \s
                tcp    LISTEN  0       5            127.0.0.1:8080        0.0.0.0:*            \s
                tcp    LISTEN  0       128                  *:443               *:*            \s
                tcp    LISTEN  0       128              [::1]:5432           [::]:*            \s
                tcp    LISTEN  0       128               [::]:80             [::]:*            \s
                """;
        assertEquals(expected, render(terminalOrder(), new ListingFormat(true, true, true, true, false, false, 80),
                OwnerLookup.NONE));
    }

    @Test
    void terminalOf50ColumnsSpreadsTheSpare() throws Exception {
        String expected = """
                Netid State   Recv-Q  Send-Q   Local Address:Port          Peer Address:Port        Process        \s
                udp   UNCONN  0       0              0.0.0.0:53                 0.0.0.0:*                          \s
                tcp   LISTEN  0       128            0.0.0.0:22                 0.0.0.0:*                          \s
                tcp   LISTEN  0       5            127.0.0.1:8080               0.0.0.0:*                          \s
                tcp   LISTEN  0       128                  *:443                      *:*                          \s
                tcp   LISTEN  0       128              [::1]:5432                  [::]:*                          \s
                tcp   LISTEN  0       128               [::]:80                    [::]:*                          \s
                """;
        assertEquals(expected, render(terminalOrder(), new ListingFormat(true, true, true, true, false, false, 50),
                OwnerLookup.NONE));
    }
}
