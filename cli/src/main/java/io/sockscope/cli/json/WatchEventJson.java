package io.sockscope.cli.json;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.sockscope.live.Leak;
import io.sockscope.live.SocketEvent;
import io.sockscope.live.WatchSink;
import io.sockscope.model.Netns;
import io.sockscope.model.Owner;
import io.sockscope.model.SocketRecord;

import java.io.IOException;
import java.io.OutputStream;
import java.util.function.Function;

/**
 * {@code watch --ndjson}: one JSON object per event and line, written with jackson-core's generator:
 * {@code {"event":"state","ts":"…","netid":"tcp","state":"CLOSE-WAIT","from":"ESTAB","to":"CLOSE-WAIT",
 * "local":{"address":…,"port":…},"peer":{…},"inode":…,"cookie":"…","pid":…,"command":"…","age_ms":…,
 * "age_source":"observed"}}; {@code leak} carries the detector's kind, the process, its explanation, its figures
 * and the sockets that show it; {@code resync} carries only {@code event} and {@code ts}.
 */
public final class WatchEventJson implements WatchSink {
    private final JsonGenerator generator;
    private final OutputStream out;
    private final Function<SocketRecord, Netns> netnsOf;

    /**
     * A writer to {@code out} (flushed here, closed by its owner); {@code netnsOf} tells each socket's network
     * namespace with {@code --all-netns}, and null without.
     */
    public WatchEventJson(OutputStream out, Function<SocketRecord, Netns> netnsOf) throws IOException {
        // No separator between root values: each object ends its own line.
        this.generator = new JsonFactory().setRootValueSeparator(null).createGenerator(out, JsonEncoding.UTF8);
        this.generator.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        this.out = out;
        this.netnsOf = netnsOf;
    }

    @Override
    public void event(SocketEvent event) throws IOException {
        JsonGenerator g = generator;
        g.writeStartObject();
        g.writeStringField("event", WatchedSocket.kind(event));
        g.writeStringField("ts", WatchedSocket.timestamp(event.atMillis()));
        socket(g, event.socket(), netnsOf.apply(event.socket()));
        if (event instanceof SocketEvent.StateChanged changed) {
            g.writeStringField("from", WatchedSocket.stateName(changed.from()));
            g.writeStringField("to", WatchedSocket.stateName(changed.to()));
        }
        owner(g, event.owner());
        g.writeNumberField("age_ms", event.age().millis());
        g.writeStringField("age_source", WatchedSocket.ageSource(event.age()));
        g.writeEndObject();
        endLine();
    }

    @Override
    public void leak(Leak leak) throws IOException {
        JsonGenerator g = generator;
        g.writeStartObject();
        g.writeStringField("event", "leak");
        g.writeStringField("ts", WatchedSocket.timestamp(leak.atMillis()));
        LeakJson.members(g, leak, netnsOf);
        g.writeEndObject();
        endLine();
    }

    @Override
    public void resync(long atMillis) throws IOException {
        generator.writeStartObject();
        generator.writeStringField("event", "resync");
        generator.writeStringField("ts", WatchedSocket.timestamp(atMillis));
        generator.writeEndObject();
        endLine();
    }

    @Override
    public void flush() throws IOException {
        generator.flush();
        out.flush();
    }

    private void endLine() throws IOException {
        generator.flush();
        out.write('\n');
    }

    /** The socket's identity: netid, state, endpoints, inode, cookie and network namespace. */
    static void socket(JsonGenerator g, SocketRecord socket, Netns netns) throws IOException {
        g.writeStringField("netid", socket.table().netid());
        g.writeStringField("state", WatchedSocket.stateName(socket.state()));
        endpoint(g, "local", WatchedSocket.local(socket));
        endpoint(g, "peer", WatchedSocket.peer(socket));
        g.writeNumberField("inode", socket.inode());
        String cookie = WatchedSocket.cookie(socket);
        if (cookie != null) {
            g.writeStringField("cookie", cookie);
        } else {
            g.writeNullField("cookie");
        }
        if (netns == null) {
            g.writeNullField("netns");
            return;
        }
        NamespaceWorkloadJson.netns(g, netns.inode(), netns.name(), netns.pidsSample());
    }

    /** {@code pid} and {@code command} of the first holder, both null when none is known. */
    static void owner(JsonGenerator g, Owner owner) throws IOException {
        if (owner == null) {
            g.writeNullField("pid");
            g.writeNullField("command");
            return;
        }
        g.writeNumberField("pid", owner.pid());
        g.writeStringField("command", owner.command().text());
    }

    private static void endpoint(JsonGenerator g, String name, WatchedSocket.Endpoint e) throws IOException {
        if (e == null) {
            g.writeNullField(name);
            return;
        }
        if (e.port() < 0) {
            g.writeStringField(name, e.address());
            return;
        }
        g.writeObjectFieldStart(name);
        g.writeStringField("address", e.address());
        g.writeNumberField("port", e.port());
        g.writeEndObject();
    }
}
