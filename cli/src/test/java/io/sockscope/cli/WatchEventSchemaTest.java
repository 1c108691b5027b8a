package io.sockscope.cli;

import io.sockscope.cli.json.LeaksJson;
import io.sockscope.cli.json.WatchEventJson;
import io.sockscope.live.Age;
import io.sockscope.live.Leak;
import io.sockscope.live.LeakRow;
import io.sockscope.live.SocketEvent;
import io.sockscope.model.AddressFamily;
import io.sockscope.model.InetEndpoint;
import io.sockscope.model.InetSocket;
import io.sockscope.model.Netns;
import io.sockscope.model.Owner;
import io.sockscope.model.ProcessLimits;
import io.sockscope.model.SocketRecord;
import io.sockscope.model.SocketTable;
import io.sockscope.model.TcpState;
import io.sockscope.model.Timer;
import io.sockscope.model.UnixSocket;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Every kind of watch event, and a leaks verdict, as the writers write them, against the published schema; and
 * lines the schema must refuse, so that it is known to say no.
 */
class WatchEventSchemaTest {
    private static final long AT = 1_764_754_000_123L;
    private static final Owner SERVER = new Owner("server", 4242, 4242, 7);

    private static InetSocket tcp(TcpState state, long recvQ, long sendQ) {
        return new InetSocket(SocketTable.TCP, AddressFamily.INET6, state.code(), recvQ, sendQ,
                new InetEndpoint(new byte[16], 8080), new InetEndpoint(new byte[16], 0), 0, 77, 0, 0x1f2e, Timer.OFF,
                0, 0, 0, 0, 0, -1, null, null);
    }

    private static LeakRow row(SocketRecord socket) {
        return new LeakRow(socket, new Age(90_000, Age.Source.LOWER_BOUND), 61_000);
    }

    @Test
    void everyEventKindTheWriterWritesConforms() throws Exception {
        SocketRecord unix = new UnixSocket(SocketTable.UNIX_STREAM, TcpState.ESTABLISHED.code(), 0, 0,
                "/run/app.sock".getBytes(StandardCharsets.UTF_8), 991, 992, null, 0, 0, 0, null, 0, null);
        Age observed = new Age(12, Age.Source.OBSERVED);
        List<Leak> leaks = List.of(
                new Leak.CloseWait(AT, SERVER, 3, 3, 60_000, true, 12.5, new ProcessLimits(4242, 100, 1024, 4096),
                        300_000, List.of(row(tcp(TcpState.CLOSE_WAIT, 0, 0)))),
                new Leak.CloseWait(AT, SERVER, 1, 1, 60_000, false, 0, null, -1, List.of()),
                new Leak.DescriptorHeadroom(AT, SERVER, new ProcessLimits(4242, 900, 1000, 1000), 80, List.of()),
                new Leak.AcceptQueueFull(AT, null, 129, 128, 90, 3, List.of(row(tcp(TcpState.LISTEN, 129, 128)))));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // As with --all-netns: the inet sockets in a named namespace, the unix one where none is known.
        Netns zoo = new Netns(4026532290L, "zoo", List.of(812));
        WatchEventJson writer = new WatchEventJson(out, socket -> socket instanceof InetSocket ? zoo : null);
        writer.event(new SocketEvent.Opened(AT, tcp(TcpState.ESTABLISHED, 0, 0), observed, SERVER));
        writer.event(new SocketEvent.StateChanged(AT, tcp(TcpState.CLOSE_WAIT, 0, 0), TcpState.ESTABLISHED.code(),
                TcpState.CLOSE_WAIT.code(), observed, SERVER));
        writer.event(new SocketEvent.Closed(AT, unix, new Age(5, Age.Source.LOWER_BOUND), null));
        writer.resync(AT);
        for (Leak leak : leaks) {
            writer.leak(leak);
        }
        writer.flush();
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(8, lines.size());
        for (String line : lines) {
            assertEquals(List.of(), WatchSchema.repository().eventErrors(line), line);
        }

        ByteArrayOutputStream report = new ByteArrayOutputStream();
        LeaksJson.write(report, 60_004, 61, List.of(SERVER, new Owner("sshd", 77, 77, 3)), leaks, 230,
                socket -> null);
        assertEquals(List.of(), WatchSchema.repository().leaksReportErrors(report.toString(StandardCharsets.UTF_8)));
    }

    @Test
    void theSchemaRefusesWhatTheWriterMustNotWrite() {
        WatchSchema schema = WatchSchema.repository();
        String open = "{\"event\":\"open\",\"ts\":\"2026-12-03T09:26:40.611Z\",\"netid\":\"tcp\",\"state\":\"ESTAB\","
                + "\"local\":{\"address\":\"127.0.0.1\",\"port\":1},\"peer\":null,\"inode\":1,\"cookie\":\"1f\",\"netns\":null,"
                + "\"pid\":null,\"command\":null,\"age_ms\":0,\"age_source\":\"observed\"}";
        assertEquals(List.of(), schema.eventErrors(open));
        assertFalse(schema.eventErrors(open.replace("\"ts\":\"2026-12-03T09:26:40.611Z\",", "")).isEmpty(), "no ts");
        assertFalse(schema.eventErrors(open.replace("\"pid\":null,", "")).isEmpty(), "the owner left out, not null");
        assertFalse(schema.eventErrors(open.replace("\"netns\":null,", "")).isEmpty(), "the namespace left out");
        assertFalse(schema.eventErrors(open.replace("observed", "guessed")).isEmpty());
        assertFalse(schema.eventErrors(open.replace("\"open\"", "\"opened\"")).isEmpty());
        assertFalse(schema.eventErrors("{\"event\":\"leak\",\"ts\":\"2026-12-03T09:26:40.611Z\",\"kind\":\"close_wait\","
                + "\"pid\":1,\"command\":\"x\",\"explanation\":\"e\",\"evidence\":[]}").isEmpty(), "no figures");
    }
}
