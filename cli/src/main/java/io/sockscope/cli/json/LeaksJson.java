package io.sockscope.cli.json;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.sockscope.live.Leak;
import io.sockscope.model.Netns;
import io.sockscope.model.Owner;
import io.sockscope.model.SocketRecord;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Collection;
import java.util.function.Function;

/**
 * {@code leaks --json}: one document, {@code {"schema_version":1,"leaking":true,"watched_ms":…,"reads":…,
 * "time_wait":…,"processes":[{"pid":…,"command":…,"verdict":"leak"|"ok","leaks":[…]}],"unowned_leaks":[…]}},
 * each leak with the members of watch's leak event.
 */
public final class LeaksJson {
    private LeaksJson() {
    }

    /** Writes the verdicts; {@code netnsOf} tells each evidence socket's namespace (null without --all-netns). */
    public static void write(OutputStream out, long watchedMillis, int reads, Collection<Owner> processes,
                             Collection<Leak> leaks, int timeWait, Function<SocketRecord, Netns> netnsOf)
            throws IOException {
        JsonGenerator g = new JsonFactory().createGenerator(out, JsonEncoding.UTF8);
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        g.writeStartObject();
        g.writeNumberField("schema_version", 1);
        g.writeBooleanField("leaking", !leaks.isEmpty());
        g.writeNumberField("watched_ms", watchedMillis);
        g.writeNumberField("reads", reads);
        g.writeNumberField("time_wait", timeWait);
        g.writeArrayFieldStart("processes");
        for (Owner o : processes) {
            g.writeStartObject();
            g.writeNumberField("pid", o.pid());
            g.writeStringField("command", o.command().text());
            boolean any = leaks.stream().anyMatch(l -> l.process() != null && l.process().pid() == o.pid());
            g.writeStringField("verdict", any ? "leak" : "ok");
            g.writeArrayFieldStart("leaks");
            for (Leak l : leaks) {
                if (l.process() != null && l.process().pid() == o.pid()) {
                    leak(g, l, netnsOf);
                }
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("unowned_leaks");
        for (Leak l : leaks) {
            if (l.process() == null) {
                leak(g, l, netnsOf);
            }
        }
        g.writeEndArray();
        g.writeEndObject();
        g.flush();
        out.write('\n');
    }

    private static void leak(JsonGenerator g, Leak l, Function<SocketRecord, Netns> netnsOf) throws IOException {
        g.writeStartObject();
        g.writeStringField("ts", WatchedSocket.timestamp(l.atMillis()));
        LeakJson.members(g, l, netnsOf);
        g.writeEndObject();
    }
}
