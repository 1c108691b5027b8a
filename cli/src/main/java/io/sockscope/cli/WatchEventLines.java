package io.sockscope.cli;

import io.sockscope.cli.json.WatchedSocket;
import io.sockscope.live.SocketEvent;
import io.sockscope.live.WatchSink;
import io.sockscope.model.Owner;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * {@code watch} without {@code --ndjson}: a readable line per event, e.g.
 * {@code 2026-12-03T09:40:01.123Z state tcp ESTAB->CLOSE-WAIT 127.0.0.1:8080 127.0.0.1:51234 pid=42 (server)
 * age=3.2s observed cookie=1f inode=123}.
 */
final class WatchEventLines implements WatchSink {
    private final OutputStream out;
    private final WatchOwners owners;

    WatchEventLines(OutputStream out, WatchOwners owners) {
        this.out = out;
        this.owners = owners;
    }

    @Override
    public void event(SocketEvent event) throws IOException {
        StringBuilder line = new StringBuilder(160);
        line.append(WatchedSocket.timestamp(event.atMillis())).append(' ')
                .append(String.format("%-5s", WatchedSocket.kind(event))).append(' ')
                .append(event.socket().table().netid()).append(' ');
        if (event instanceof SocketEvent.StateChanged changed) {
            line.append(WatchedSocket.stateName(changed.from())).append("->")
                    .append(WatchedSocket.stateName(changed.to()));
        } else {
            line.append(WatchedSocket.stateName(event.socket().state()));
        }
        WatchedSocket.Endpoint local = WatchedSocket.local(event.socket());
        WatchedSocket.Endpoint peer = WatchedSocket.peer(event.socket());
        line.append(' ').append(local == null ? "*" : local.text())
                .append(' ').append(peer == null ? "*" : peer.text());
        Owner owner = owners.of(event);
        if (owner != null) {
            // The command's bytes escaped as the listing escapes them: a line must stay one line.
            line.append(" pid=").append(owner.pid()).append(" (").append(owner.command().escapedText()).append(')');
        }
        line.append(" age=").append(seconds(event.age().millis())).append(' ')
                .append(WatchedSocket.ageSource(event.age()));
        String cookie = WatchedSocket.cookie(event.socket());
        if (cookie != null) {
            line.append(" cookie=").append(cookie);
        }
        line.append(" inode=").append(event.socket().inode()).append('\n');
        out.write(line.toString().getBytes(StandardCharsets.UTF_8));
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
