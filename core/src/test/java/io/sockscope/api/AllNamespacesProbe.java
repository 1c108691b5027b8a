package io.sockscope.api;

import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Run as another user by {@link AllNamespacesUnprivilegedTest}: lists the TCP listeners of every namespace while
 * holding one of its own, and prints one line per fact.
 */
final class AllNamespacesProbe {
    private AllNamespacesProbe() {
    }

    public static void main(String[] args) throws Exception {
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
             SocketInspector inspector = SocketInspector.open()) {
            SocketQuery query = SocketQuery.builder().protocols(Protocol.TCP).states(SocketState.LISTEN)
                    .allNamespaces().build();
            for (SocketEntry entry : inspector.list(query)) {
                if (entry instanceof InetSocketEntry s && s.local().port() == server.getLocalPort()) {
                    System.out.println("own listener in " + s.namespace().inode());
                }
            }
            SkippedNamespaces skipped = inspector.skippedNamespaces();
            for (NetworkNamespace n : skipped.notEntered()) {
                System.out.println("not entered " + n.label() + " " + n.inode());
            }
            System.out.println("unreadable " + skipped.unreadableProcesses());
            System.out.println("empty " + skipped.isEmpty());
        }
    }
}
