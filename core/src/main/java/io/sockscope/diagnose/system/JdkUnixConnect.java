package io.sockscope.diagnose.system;

import io.sockscope.diagnose.UnixConnectProbe;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.util.Locale;

/** One non-blocking stream connect through the JDK, closed at once. */
public final class JdkUnixConnect implements UnixConnectProbe {
    @Override
    public Result connect(String path) {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            // Non-blocking, so that a listener whose queue is full cannot hold the doctor up.
            channel.configureBlocking(false);
            channel.connect(UnixDomainSocketAddress.of(path));
            return Result.CONNECTED; // connected, or queued behind a full backlog: either way someone listens
        } catch (IOException | RuntimeException e) {
            String m = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
            if (m.contains("refused")) {
                return Result.REFUSED;
            }
            if (m.contains("wrong type")) {
                return Result.WRONG_TYPE;
            }
            if (m.contains("permission denied") || m.contains("not permitted")) {
                return Result.DENIED;
            }
            if (m.contains("no such file")) {
                return Result.MISSING;
            }
            return Result.FAILED;
        }
    }
}
