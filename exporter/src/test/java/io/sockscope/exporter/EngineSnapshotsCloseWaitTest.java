package io.sockscope.exporter;

import io.sockscope.export.MetricsSnapshot;
import io.sockscope.export.ProcessSeries;
import io.sockscope.export.SeriesCaps;
import io.sockscope.source.ProcPaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A snapshot of a table that holds a CLOSE-WAIT socket still has its owners: the second dump that dates the
 * CLOSE-WAIT sockets asks for no owners, which would clear an engine's, so it runs on an engine of its own. The
 * test JVM holds such a socket on loopback (its peer sent a FIN, it never closes) and finds itself among the
 * snapshot's processes with it counted, twice in a row (the second snapshot dates it from the first).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class EngineSnapshotsCloseWaitTest {
    @Test
    void aCloseWaitSocketIsCountedForItsOwner() throws Exception {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        String pid = Long.toString(ProcessHandle.current().pid());
        List<String> warnings = Collections.synchronizedList(new ArrayList<>());
        try (ServerSocket listener = new ServerSocket(0, 4, loopback);
             Socket closing = new Socket(loopback, listener.getLocalPort());
             Socket leaked = listener.accept();
             EngineSnapshots source = new EngineSnapshots(new ProcPaths(System.getenv()),
                     new SeriesCaps(100_000, 100_000), false, Path.of("/"), warnings::add,
                     System::currentTimeMillis)) {
            closing.shutdownOutput();
            assertEquals(-1, leaked.getInputStream().read(), "the peer's FIN arrived");
            for (int i = 0; i < 2; i++) {
                MetricsSnapshot snapshot = source.take();
                assertTrue(snapshot.sockets().stream().anyMatch(c -> c.netid().equals("tcp")
                        && c.state().equals("close-wait") && c.count() >= 1), snapshot.sockets().toString());
                ProcessSeries self = snapshot.processes().stream().filter(p -> p.pid().equals(pid)).findFirst()
                        .orElseThrow(() -> new AssertionError("the test JVM among " + snapshot.processes()));
                assertTrue(self.sockets() >= 3, "a listener and two ends at least: " + self);
                assertTrue(self.closeWait() >= 1, self.toString());
                assertTrue(self.closeWaitOldestSeconds() >= 0, self.toString());
            }
        }
    }
}
