package io.sockscope.kernel;

import io.sockscope.model.AddressFamily;
import io.sockscope.model.IpProtocol;
import io.sockscope.model.TcpState;
import io.sockscope.model.InetSocket;
import io.sockscope.model.SocketTable;
import io.sockscope.netlink.InetDiagMsg;
import io.sockscope.netlink.InetDiagReqV2;
import io.sockscope.netlink.MalformedMessageException;

import java.net.InetAddress;
import java.net.ServerSocket;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Run in a JVM of its own by {@link JniPathTest}: makes the kernel package's C library calls and prints one
 * line per fact, so that the test can compare the lines of a JVM given the JNI library with those of one
 * without it. The first line says which path served the calls.
 */
final class JniProbe {
    private JniProbe() {
    }

    public static void main(String[] args) throws Exception {
        for (String line : facts()) {
            System.out.println(line);
        }
    }

    /**
     * A dump that must decode a socket of this JVM (its own listener, found by port in the heap copy the
     * handler is given), and a request the kernel refuses, whose errno must come back the same either way.
     */
    private static List<String> ownListenerFacts() throws NetlinkException {
        List<String> facts = new ArrayList<>();
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             NetlinkChannel channel = NetlinkChannel.open(4)) {
            int port = listener.getLocalPort();
            boolean[] found = {false};
            byte[] request = InetDiagReqV2.encode(AddressFamily.INET, IpProtocol.IPPROTO_TCP, 0,
                    TcpState.bit(TcpState.LISTEN), null, 43);
            channel.dump("probe listeners", request, new NetlinkMessageHandler() {
                @Override
                public void onMessage(int type, int flags, byte[] buffer, int offset, int length) {
                    try {
                        InetSocket socket = InetDiagMsg.decode(buffer, offset, length, SocketTable.TCP, false,
                                warning -> { });
                        found[0] |= socket.local().port() == port;
                    } catch (MalformedMessageException e) {
                        throw new AssertionError(e);
                    }
                }
            }, warning -> facts.add("warning " + warning));
            facts.add("own listener found " + found[0]);
            // No diag handler for protocol 255: the reply is an error, errno and all.
            byte[] refused = InetDiagReqV2.encode(AddressFamily.INET, 255, 0, TcpState.ALL, null, 44);
            try {
                channel.dump("probe refused", refused, (type, flags, buffer, offset, length) -> { }, warning -> { });
                facts.add("refused dump succeeded");
            } catch (NetlinkException e) {
                facts.add("refused dump: " + e.getMessage() + ", delivered " + e.messagesDelivered());
            }
        } catch (java.io.IOException e) {
            facts.add("no listener: " + e);
        }
        return facts;
    }

    /** name_to_handle_at and open, whose answers (handles, errno) must not depend on the path taken. */
    private static List<String> fileHandleFacts() {
        List<String> facts = new ArrayList<>();
        for (String path : List.of("/", "/proc", "/nonexistent/path", "")) {
            facts.add("handle of '" + path + "' " + FileHandles.of(FileHandles.AT_FDCWD, path.getBytes()));
        }
        facts.add("open /nonexistent " + FileHandles.openReadOnly("/nonexistent".getBytes()));
        int root = FileHandles.openReadOnly("/".getBytes());
        facts.add("open / " + (root >= 0));
        if (root >= 0) {
            facts.add("handle of etc below / " + FileHandles.of(root, "etc".getBytes()));
            FileHandles.close(root);
        }
        return facts;
    }

    static List<String> facts() throws NetlinkException {
        List<String> facts = new ArrayList<>();
        facts.add("jni " + NativeLayer.usesJni());
        InterfaceNames names = new InterfaceNames();
        int lo = names.index("lo");
        facts.add("index of lo " + lo);
        facts.add("name of " + lo + " " + names.name(lo));
        facts.add("name of 99999 " + names.name(99999));
        facts.add("index of nosuch0 " + names.index("nosuch0"));
        facts.add("terminal width of /dev/null " + TerminalWidth.of(0));
        // Errors: errno must reach the caller through either path.
        try {
            NetworkNamespace.enter(Path.of("/nonexistent/netns"));
            facts.add("entered a missing namespace");
        } catch (NetworkNamespace.EnterException e) {
            facts.add("enter: " + e.getMessage());
        }
        // NS_GET_NSTYPE: a network namespace, another type, a file that is none, one that cannot be opened.
        for (String file : List.of("/proc/self/ns/net", "/proc/self/ns/mnt", "/etc/passwd", "/nonexistent")) {
            try {
                facts.add("kind of " + file + " " + NetworkNamespace.kindOf(Path.of(file)));
            } catch (NetworkNamespace.EnterException e) {
                facts.add("kind of " + file + ": " + e.getMessage());
            }
        }
        try {
            NetlinkChannel.open(9999).close();
            facts.add("opened netlink protocol 9999");
        } catch (NetlinkException e) {
            facts.add("netlink 9999: " + e.getMessage());
        }
        // A whole exchange: an inet_diag dump of TCP listeners answers with NLMSG_DONE at least.
        try (NetlinkChannel channel = NetlinkChannel.open(4)) {
            facts.add("port id assigned " + (channel.portId() != 0));
            int[] messages = {0};
            byte[] request = InetDiagReqV2.encode(AddressFamily.INET, IpProtocol.IPPROTO_TCP, 0, TcpState.ALL, null, 42);
            DumpOutcome outcome = channel.dump("probe dump", request,
                    (type, flags, buffer, offset, length) -> messages[0]++, warning -> facts.add("warning " + warning));
            facts.add("dump " + outcome);
        }
        facts.addAll(ownListenerFacts());
        facts.addAll(fileHandleFacts());
        return facts;
    }
}
