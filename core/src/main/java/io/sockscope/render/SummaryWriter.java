package io.sockscope.render;

import io.sockscope.model.SocketSummary;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Prints {@link SocketSummary} exactly as {@code ss -s} does. */
public final class SummaryWriter {
    private SummaryWriter() {
    }

    public static void write(SocketSummary s, OutputStream out) throws IOException {
        StringBuilder b = new StringBuilder(512);
        b.append("Total: ").append(s.sockets()).append('\n');
        int closed = s.tcpAllocated() - (s.tcp4InUse() + s.tcp6InUse() - s.tcpTimeWait());
        b.append("TCP:   ").append(s.tcpAllocated() + s.tcpTimeWait())
                .append(" (estab ").append(s.tcpEstablished())
                .append(", closed ").append(closed)
                .append(", orphaned ").append(s.tcpOrphans())
                .append(", timewait ").append(s.tcpTimeWait()).append(")\n");
        b.append('\n');
        b.append("Transport Total     IP        IPv6\n");
        row(b, "RAW", s.raw4(), s.raw6());
        row(b, "UDP", s.udp4(), s.udp6());
        row(b, "TCP", s.tcp4InUse(), s.tcp6InUse());
        row(b, "INET", s.raw4() + s.udp4() + s.tcp4InUse(), s.raw6() + s.udp6() + s.tcp6InUse());
        row(b, "FRAG", s.frag4(), s.frag6());
        b.append('\n');
        out.write(b.toString().getBytes(StandardCharsets.US_ASCII));
    }

    private static void row(StringBuilder b, String name, int v4, int v6) {
        b.append(name).append("\t  ");
        column(b, v4 + v6);
        b.append(' ');
        column(b, v4);
        b.append(' ');
        column(b, v6);
        b.append('\n');
    }

    /** {@code %-9d}. */
    private static void column(StringBuilder b, int v) {
        String s = Integer.toString(v);
        b.append(s);
        for (int i = s.length(); i < 9; i++) {
            b.append(' ');
        }
    }
}
