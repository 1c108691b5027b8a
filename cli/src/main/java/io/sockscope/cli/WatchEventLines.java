package io.sockscope.cli;

import io.sockscope.cli.json.WatchedSocket;
import io.sockscope.live.Leak;
import io.sockscope.live.LeakRow;
import io.sockscope.live.SocketEvent;
import io.sockscope.live.WatchSink;
import io.sockscope.model.Netns;
import io.sockscope.model.Owner;
import io.sockscope.model.SocketRecord;
import io.sockscope.render.ControlEscapes;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * {@code watch} without {@code --ndjson}: a readable line per event, e.g.
 * {@code 2026-12-03T09:40:01.123Z state tcp ESTAB->CLOSE-WAIT 127.0.0.1:8080 127.0.0.1:51234 pid=42 (server)
 * age=3.2s observed cookie=1f inode=123}.
 */
final class WatchEventLines implements WatchSink {
    private final OutputStream out;
    private final Function<SocketRecord, Netns> netnsOf;

    /** {@code netnsOf} tells each socket's network namespace with {@code --all-netns}, and null without. */
    WatchEventLines(OutputStream out, Function<SocketRecord, Netns> netnsOf) {
        this.out = out;
        this.netnsOf = netnsOf;
    }

    @Override
    public void event(SocketEvent event) throws IOException {
        StringBuilder line = new StringBuilder(160);
        line.append(WatchedSocket.timestamp(event.atMillis())).append(' ')
                .append(String.format("%-5s", WatchedSocket.kind(event))).append(' ')
                .append(event.socket().table().netid()).append(' ');
        namespace(line, netnsOf.apply(event.socket()));
        if (event instanceof SocketEvent.StateChanged changed) {
            line.append(WatchedSocket.stateName(changed.from())).append("->")
                    .append(WatchedSocket.stateName(changed.to()));
        } else {
            line.append(WatchedSocket.stateName(event.socket().state()));
        }
        endpoints(line, event.socket());
        owner(line, event.owner());
        line.append(" age=").append(seconds(event.age().millis())).append(' ')
                .append(WatchedSocket.ageSource(event.age()));
        identity(line, event.socket());
        out.write(line.append('\n').toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A leak: a line with the detector, the process and the explanation, then one indented line per socket
     * shown as evidence.
     */
    @Override
    public void leak(Leak leak) throws IOException {
        StringBuilder text = new StringBuilder(400);
        text.append(WatchedSocket.timestamp(leak.atMillis())).append(" leak  ").append(leak.kind());
        owner(text, leak.process());
        text.append(' ').append(leak.explanation()).append('\n');
        for (LeakRow row : leak.evidence()) {
            evidence(text.append("    "), row, netnsOf);
        }
        out.write(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** A socket shown as a leak's evidence, on a line of its own: netid, state, endpoints, ages, identity. */
    static void evidence(StringBuilder text, LeakRow row, Function<SocketRecord, Netns> netnsOf) {
        text.append(row.socket().table().netid()).append(' ');
        namespace(text, netnsOf.apply(row.socket()));
        text.append(WatchedSocket.stateName(row.socket().state()));
        endpoints(text, row.socket());
        text.append(" age=").append(seconds(row.age().millis())).append(' ')
                .append(WatchedSocket.ageSource(row.age()))
                .append(" in-state=").append(seconds(row.inStateMillis()));
        identity(text, row.socket());
        text.append('\n');
    }

    private static void endpoints(StringBuilder line, SocketRecord socket) {
        WatchedSocket.Endpoint local = WatchedSocket.local(socket);
        WatchedSocket.Endpoint peer = WatchedSocket.peer(socket);
        // A unix path is anyone's choice: escaped, so that it cannot steer the terminal or fake a line.
        line.append(' ').append(local == null ? "*" : safe(local.text()))
                .append(' ').append(peer == null ? "*" : safe(peer.text()));
    }

    /** {@code netns=LABEL } with --all-netns; the label is the namespace's name (escaped), pid:N or inode:N. */
    private static void namespace(StringBuilder line, Netns netns) {
        if (netns != null) {
            line.append("netns=").append(safe(netns.label())).append(' ');
        }
    }

    static void owner(StringBuilder line, Owner owner) {
        if (owner != null) {
            // A process names itself: its bytes are escaped as the listing escapes them on a terminal.
            line.append(" pid=").append(owner.pid()).append(" (")
                    .append(ControlEscapes.text(owner.command().bytes())).append(')');
        }
    }

    private static void identity(StringBuilder line, SocketRecord socket) {
        String cookie = WatchedSocket.cookie(socket);
        if (cookie != null) {
            line.append(" cookie=").append(cookie);
        }
        line.append(" inode=").append(socket.inode());
    }

    private static String safe(String text) {
        return ControlEscapes.text(text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void resync(long atMillis) throws IOException {
        out.write((WatchedSocket.timestamp(atMillis) + " resync the kernel dropped events: reading the table again\n")
                .getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    private static String seconds(long millis) {
        return String.format(java.util.Locale.ROOT, "%.1fs", millis / 1000.0);
    }
}
