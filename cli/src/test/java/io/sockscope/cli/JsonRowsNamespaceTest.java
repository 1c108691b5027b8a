package io.sockscope.cli;

import io.sockscope.kernel.InterfaceNames;
import io.sockscope.model.AddressFamily;
import io.sockscope.model.InetEndpoint;
import io.sockscope.model.InetSocket;
import io.sockscope.model.Netns;
import io.sockscope.model.SocketRecord;
import io.sockscope.model.SocketTable;
import io.sockscope.model.TcpState;
import io.sockscope.model.Timer;
import io.sockscope.model.UnixSocket;
import io.sockscope.model.Workload;
import io.sockscope.names.MountTable;
import io.sockscope.source.SocketSink;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link JsonRows} as the {@code --all-netns} sink uses it: each namespace's sockets written through what
 * {@link JsonRows#namespace} returns, on a thread of their own, one namespace after the other, with the namespace
 * and each socket's workload; and as a listing of one namespace uses it, with the four members null.
 */
class JsonRowsNamespaceTest {
    private static final Netns BLUE = new Netns(4026532301L, "blue", List.of(812, 4100));
    private static final Netns UNNAMED = new Netns(4026532302L, null, List.of());
    private static final String ID = "3f1c0e5b9a7d2c4e6f8a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e";
    private static final Workload WEB = new Workload(new Workload.Container("containerd", ID, "web"),
            new Workload.Pod("shop", "web-7d9f", "5a1e3b2c-0d4f-4e6a-8b9c-1d2e3f4a5b6c"), "web.scope");

    private static JsonRows open(OutputStream out, String format) throws IOException, UsageException {
        ListingOptions options = ListingOptionsParser.parse(CommandLine.parse(new String[] {format}));
        return JsonRows.open(options, out, new InterfaceNames(), null, null, MountTable.PROC);
    }

    private static InetSocket tcpListener(long inode, int port) {
        InetEndpoint any = new InetEndpoint(new byte[4], 0);
        return new InetSocket(SocketTable.TCP, AddressFamily.INET, TcpState.LISTEN.code(), 0, 128,
                new InetEndpoint(new byte[4], port), any, 0, inode, 0, inode, Timer.OFF, 0, -1, 0, 0, 0, -1, null,
                null);
    }

    private static UnixSocket unixListener(long inode) {
        return new UnixSocket(SocketTable.UNIX_STREAM, TcpState.LISTEN.code(), 0, 5,
                "/run/web.sock".getBytes(StandardCharsets.US_ASCII), inode, 0, null, -1, -1, -1, null, -1, null);
    }

    /** As a run across namespaces calls: on a thread of the namespace's own, started after the previous ended. */
    private static void onItsOwnThread(JsonRows rows, Netns netns, Function<SocketRecord, Workload> workloads,
                                       SocketRecord... sockets) throws InterruptedException {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = Thread.ofPlatform().name("netns-" + netns.label()).start(() -> {
            try {
                SocketSink sink = rows.namespace(netns, workloads);
                for (SocketRecord s : sockets) {
                    sink.accept(s);
                }
            } catch (RuntimeException | Error e) {
                failure.set(e);
            }
        });
        t.join();
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
    }

    @Test
    void eachNamespacesSocketsCarryItAndTheirWorkload() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JsonRows rows = open(out, "--ndjson");
        onItsOwnThread(rows, BLUE, s -> s.inode() == 10 ? WEB : null, tcpListener(10, 80), unixListener(11));
        onItsOwnThread(rows, UNNAMED, s -> Workload.NONE, tcpListener(20, 22));
        rows.finish();
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(3, lines.size(), lines.toString());
        String blue = ",\"netns\":{\"inode\":4026532301,\"name\":\"blue\",\"pids_sample\":[812,4100]},";
        assertTrue(lines.get(0).endsWith(blue + "\"container\":{\"runtime\":\"containerd\",\"id\":\"" + ID
                + "\",\"name\":\"web\"},\"pod\":{\"namespace\":\"shop\",\"name\":\"web-7d9f\","
                + "\"uid\":\"5a1e3b2c-0d4f-4e6a-8b9c-1d2e3f4a5b6c\"},\"unit\":\"web.scope\"}"), lines.get(0));
        assertTrue(lines.get(1).endsWith(blue + "\"container\":null,\"pod\":null,\"unit\":null}"), lines.get(1));
        assertTrue(lines.get(2).endsWith(",\"netns\":{\"inode\":4026532302,\"name\":null,\"pids_sample\":[]},"
                + "\"container\":null,\"pod\":null,\"unit\":null}"), lines.get(2));
    }

    @Test
    void aDocumentHoldsEveryNamespacesSocketsInTurn() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JsonRows rows = open(out, "--json");
        onItsOwnThread(rows, BLUE, s -> WEB, tcpListener(10, 80));
        onItsOwnThread(rows, UNNAMED, s -> null);
        onItsOwnThread(rows, new Netns(4026532303L, null, List.of(77)), s -> null, tcpListener(30, 443));
        rows.finish();
        String document = out.toString(StandardCharsets.UTF_8);
        assertTrue(document.startsWith("{\"schema_version\":1,") && document.endsWith("]}\n"), document);
        int blue = document.indexOf("\"netns\":{\"inode\":4026532301,");
        int third = document.indexOf("\"netns\":{\"inode\":4026532303,\"name\":null,\"pids_sample\":[77]}");
        assertTrue(blue > 0 && third > blue, document);
        assertEquals(2, document.split("\"netns\":\\{", -1).length - 1, document);
    }

    @Test
    void aListingOfOneNamespaceWritesTheFourAsNull() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JsonRows rows = open(out, "--ndjson");
        rows.write(tcpListener(10, 80));
        rows.write(unixListener(11));
        rows.finish();
        for (String line : out.toString(StandardCharsets.UTF_8).lines().toList()) {
            assertTrue(line.endsWith(",\"netns\":null,\"container\":null,\"pod\":null,\"unit\":null}"), line);
        }
    }

    /** What NamespaceSink's caller rethrows, the listing unwraps: the write's own IOException. */
    @Test
    void aFailedWriteIsUncheckedWithTheIOExceptionAsCause() throws Exception {
        IOException full = new IOException("No space left on device");
        OutputStream failing = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw full;
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                throw full;
            }
        };
        JsonRows rows = open(failing, "--ndjson");
        SocketSink sink = rows.namespace(BLUE, s -> null);
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> sink.accept(tcpListener(10, 80)));
        assertInstanceOf(IOException.class, e.getCause());
        assertEquals(full.getMessage(), e.getCause().getMessage());
    }
}
