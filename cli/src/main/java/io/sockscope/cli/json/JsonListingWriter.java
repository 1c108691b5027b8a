package io.sockscope.cli.json;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.sockscope.api.SocketEntry;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Streams a listing as JSON with jackson-core's generator: either one document
 * ({@code {"schema_version":1,"host":{…},"sockets":[…]}}) or one socket object per line (NDJSON). Nothing
 * is buffered beyond the generator's own buffer, so memory does not grow with the number of sockets.
 */
public final class JsonListingWriter {
    /** The schema's major version: members are added within it, never renamed or removed. */
    public static final int SCHEMA_VERSION = 1;

    private final JsonGenerator generator;
    private final OutputStream out;
    private final boolean lines;

    private JsonListingWriter(OutputStream out, boolean lines) throws IOException {
        // No separator between root values: NDJSON puts each object on a line of its own.
        JsonFactory factory = new JsonFactory().setRootValueSeparator(null);
        this.generator = factory.createGenerator(out, JsonEncoding.UTF8);
        // The stream is the caller's (stdout): flushed here, closed there.
        this.generator.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        this.out = out;
        this.lines = lines;
    }

    /** A writer of one document describing {@code host}; the sockets go into its {@code sockets} array. */
    public static JsonListingWriter document(OutputStream out, HostFacts host) throws IOException {
        JsonListingWriter w = new JsonListingWriter(out, false);
        JsonGenerator g = w.generator;
        g.writeStartObject();
        g.writeNumberField("schema_version", SCHEMA_VERSION);
        g.writeStringField("tool", "sockscope " + host.toolVersion());
        g.writeFieldName("host");
        HostJson.write(g, host);
        g.writeArrayFieldStart("sockets");
        return w;
    }

    /** A writer of one socket object per line. */
    public static JsonListingWriter lines(OutputStream out) throws IOException {
        return new JsonListingWriter(out, true);
    }

    public void write(SocketEntry entry) throws IOException {
        SocketJson.write(generator, entry);
        if (lines) {
            generator.flush();
            out.write('\n');
        }
    }

    /** Closes the document (if any) and flushes. */
    public void finish() throws IOException {
        if (!lines) {
            generator.writeEndArray();
            generator.writeEndObject();
            generator.flush();
            out.write('\n');
        }
        generator.close();
        out.flush();
    }
}
