package io.sockscope.junit;

import io.sockscope.api.Endpoint;
import io.sockscope.api.InetSocketEntry;
import io.sockscope.api.SocketEntry;
import io.sockscope.api.UnixSocketEntry;

import java.util.List;

/**
 * The report as JSON, the shape docs/junit.md documents ({@code "format": "sockscope-junit-leaks/1"}): the test, the
 * linger, whether and why the leak is allowed, and each socket with its kind, state, ends, queues, inode and holders.
 */
final class LeakReportJson {
    static final String FORMAT = "sockscope-junit-leaks/1";

    private LeakReportJson() {
    }

    static String of(LeakReport r) {
        StringBuilder out = new StringBuilder(256);
        out.append("{\n  \"format\": ").append(JsonText.string(FORMAT))
                .append(",\n  \"test\": {\"uniqueId\": ").append(JsonText.string(r.testId()))
                .append(", \"name\": ").append(JsonText.string(r.testName()))
                .append(", \"class\": ").append(JsonText.string(r.testClass()))
                .append(", \"method\": ").append(JsonText.string(r.testMethod())).append("}")
                .append(",\n  \"lingerMillis\": ").append(r.linger().toMillis())
                .append(",\n  \"failed\": ").append(r.fails())
                .append(",\n  \"allowedBecause\": ").append(JsonText.string(r.allowedBecause()))
                .append(",\n  \"tablesFailure\": ").append(JsonText.string(r.tablesFailure()))
                .append(",\n  \"leaks\": ");
        sockets(r.leaks(), out);
        out.append(",\n  \"allowedByList\": ");
        sockets(r.allowed(), out);
        return out.append("\n}\n").toString();
    }

    private static void sockets(List<LeakedSocket> sockets, StringBuilder out) {
        if (sockets.isEmpty()) {
            out.append("[]");
            return;
        }
        out.append('[');
        String comma = "\n    ";
        for (LeakedSocket s : sockets) {
            out.append(comma);
            socket(s, out);
            comma = ",\n    ";
        }
        out.append("\n  ]");
    }

    private static void socket(LeakedSocket s, StringBuilder out) {
        SocketEntry e = s.entry();
        out.append("{\"kind\": ").append(JsonText.string(s.kind().jsonName()))
                .append(", \"summary\": ").append(JsonText.string(s.kind().summary()))
                .append(", \"inode\": ").append(s.inode())
                .append(", \"netid\": ").append(JsonText.string(e == null ? null : e.protocol().netid()))
                .append(", \"state\": ").append(JsonText.string(e == null ? null : e.state().ssName()))
                .append(", \"recvQ\": ").append(e == null ? "null" : Long.toString(e.recvQueue()))
                .append(", \"sendQ\": ").append(e == null ? "null" : Long.toString(e.sendQueue()));
        switch (e) {
            case InetSocketEntry inet -> {
                out.append(", \"local\": ");
                endpoint(inet.local(), out);
                out.append(", \"peer\": ");
                endpoint(inet.peer(), out);
            }
            case UnixSocketEntry unix -> out.append(", \"local\": {\"path\": ").append(JsonText.string(s.unixPath()))
                    .append(", \"inode\": ").append(unix.inode()).append("}, \"peer\": {\"path\": ")
                    .append(JsonText.string(unix.peerPath())).append(", \"inode\": ").append(unix.peerInode())
                    .append('}');
            case null, default -> out.append(", \"local\": null, \"peer\": null");
        }
        out.append(", \"holders\": [");
        String comma = "";
        for (SocketHolder h : s.holders()) {
            out.append(comma).append("{\"pid\": ").append(h.pid()).append(", \"command\": ")
                    .append(JsonText.string(h.command())).append(", \"fd\": ").append(h.fd()).append('}');
            comma = ", ";
        }
        out.append("]}");
    }

    private static void endpoint(Endpoint end, StringBuilder out) {
        out.append("{\"address\": ").append(JsonText.string(end.address())).append(", \"port\": ").append(end.port())
                .append('}');
    }
}
