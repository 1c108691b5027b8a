package io.sockscope.source;

import io.sockscope.model.AddressFamily;
import io.sockscope.model.InetEndpoint;
import io.sockscope.model.InetSocket;
import io.sockscope.model.NetlinkSocket;
import io.sockscope.model.PacketSocket;
import io.sockscope.model.SocketRecord;
import io.sockscope.model.SocketTable;
import io.sockscope.model.TcpState;
import io.sockscope.model.Timer;
import io.sockscope.model.UnixSocket;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Checks a parsed socket against one row that the real ss printed from the same file (run with -n, and
 * -e -o for the extra columns), by reading the values back out of ss's text.
 */
final class SsRowAssert {
    /** ss's name of a timer, written out here rather than taken from the renderer under test. */
    private static String timerName(Timer timer) {
        return switch (timer) {
            case Timer.Off off -> "off";
            case Timer.Retransmit r -> "on";
            case Timer.Keepalive k -> "keepalive";
            case Timer.TimeWait t -> "timewait";
            case Timer.ZeroWindowProbe p -> "persist";
            case Timer.Unknown u -> "unknown";
        };
    }

    private SsRowAssert() {
    }

    static void assertRow(SocketRecord socket, String[] row) {
        String where = Arrays.toString(row) + " vs " + socket;
        assertEquals(row[0], socket.table().netid(), where);
        assertEquals(row[1], TcpState.ofCode(socket.state()).ssName(), where);
        assertEquals(row[2], Long.toString(socket.recvQ()), where);
        assertEquals(row[3], Long.toString(socket.sendQ()), where);
        List<String> rest = new ArrayList<>(Arrays.asList(row).subList(6, row.length));
        switch (socket) {
            case InetSocket s -> {
                assertEndpoint(s.family(), s.local(), row[4], where);
                assertEndpoint(s.family(), s.peer(), row[5], where);
                if (s.table() == SocketTable.TCP && !rest.isEmpty()) {
                    List<String> expected = new ArrayList<>();
                    if (!(s.timer() instanceof Timer.Off)) {
                        expected.add("timer:(" + timerName(s.timer()) + ","
                                + msTimer(s.timer().expiresMs()) + "," + s.retransmits() + ")");
                    }
                    if (s.uid() != 0) {
                        expected.add("uid:" + s.uid());
                    }
                    expected.add("ino:" + s.inode());
                    expected.add("sk:" + Long.toHexString(s.cookie()));
                    assertEquals(rest, expected, where);
                }
            }
            case UnixSocket s -> {
                assertEquals(row[4], s.name() == null ? "*" : unixName(s.name()), where);
                assertEquals(row[5], Long.toString(s.inode()), where);
                assertEquals(row[6], s.peerName() == null ? "*" : unixName(s.peerName()), where);
                assertEquals(row[7], Long.toString(s.peerInode()), where);
            }
            case PacketSocket s -> {
                String protocol = s.protocol() == 3 ? "*" : "[" + s.protocol() + "]";
                String device = s.ifindex() == 0 ? "*" : interfaceName(s.ifindex());
                assertEquals(row[4], protocol + ":" + device, where);
                assertEquals(row[5], "*", where);
                if (!rest.isEmpty()) {
                    List<String> expected = new ArrayList<>();
                    if (s.uid() != 0) {
                        expected.add("uid:" + Integer.toUnsignedString(s.uid()));
                    }
                    expected.add("ino:" + s.inode());
                    expected.add("sk:" + Long.toHexString(s.cookie()));
                    assertEquals(rest, expected, where);
                }
            }
            case NetlinkSocket s -> {
                String port = s.portid() == -1 ? "*" : Integer.toString(s.portid());
                assertEquals(row[4], s.protocol() + ":" + port, where);
                assertEquals(row[5], "*", where);
                if (!rest.isEmpty()) {
                    assertEquals(rest, List.of("sk=" + Long.toHexString(s.sk()), "cb=" + Long.toHexString(s.cb()),
                            String.format("groups=0x%08x", s.groups())), where);
                }
            }
        }
    }

    /** The renderer's job, repeated here only to compare: a leading NUL is shown as '@'. */
    static String unixName(byte[] name) {
        String text = ProcNetTestSupport.text(name);
        return text.startsWith("\0") ? "@" + text.substring(1) : text;
    }

    private static void assertEndpoint(int family, InetEndpoint endpoint, String token, String where) {
        int colon = token.lastIndexOf(':');
        String host = token.substring(0, colon);
        String port = token.substring(colon + 1);
        assertEquals(port.equals("*") ? 0 : Integer.parseInt(port), endpoint.port(), where);
        try {
            InetAddress actual = InetAddress.getByAddress(endpoint.address());
            InetAddress shown;
            if (host.equals("*")) {
                assertEquals(AddressFamily.INET6, family, where);
                shown = InetAddress.getByAddress(new byte[16]);
            } else if (host.startsWith("[")) {
                shown = InetAddress.getByName(host.substring(1, host.length() - 1));
            } else {
                shown = InetAddress.getByName(host);
            }
            assertEquals(shown, actual, where);
        } catch (UnknownHostException e) {
            throw new AssertionError(where, e);
        }
    }

    private static String interfaceName(int ifindex) {
        try {
            NetworkInterface nif = NetworkInterface.getByIndex(ifindex);
            return nif == null ? Integer.toString(ifindex) : nif.getName();
        } catch (SocketException e) {
            throw new AssertionError(e);
        }
    }

    /** ss's print_ms_timer, to compare the milliseconds against what ss printed. */
    static String msTimer(long timeout) {
        int secs = (int) (timeout / 1000);
        int minutes = secs / 60;
        secs %= 60;
        int msecs = (int) (timeout % 1000);
        StringBuilder b = new StringBuilder();
        if (minutes != 0) {
            msecs = 0;
            b.append(minutes).append("min");
            if (minutes > 9) {
                secs = 0;
            }
        }
        if (secs != 0) {
            if (secs > 9) {
                msecs = 0;
            }
            b.append(secs).append(msecs != 0 ? "." : "sec");
        }
        if (msecs != 0) {
            b.append(String.format("%03dms", msecs));
        }
        return b.toString();
    }
}
