package io.sockscope.cli.json;

import com.fasterxml.jackson.core.JsonGenerator;
import io.sockscope.model.Netns;
import io.sockscope.model.Workload;

import java.io.IOException;

/**
 * Another network namespace and what runs in it, as the doctor's {@code netns_sockets} evidence writes them:
 * {@code netns} ({@code inode}, {@code name}, {@code pids_sample}), {@code container} ({@code runtime}, {@code id},
 * {@code name}), {@code pod} ({@code namespace}, {@code name}, {@code uid}) and {@code unit}, each null when not
 * known: the shapes the listing gives a socket's namespace and workload.
 */
final class NetnsJson {
    private NetnsJson() {
    }

    /** The members {@code netns}, {@code container}, {@code pod} and {@code unit} of an open object. */
    static void write(JsonGenerator g, Netns netns, Workload workload) throws IOException {
        g.writeObjectFieldStart("netns");
        g.writeNumberField("inode", netns.inode());
        g.writeStringField("name", netns.name());
        g.writeArrayFieldStart("pids_sample");
        for (int pid : netns.pidsSample()) {
            g.writeNumber(pid);
        }
        g.writeEndArray();
        g.writeEndObject();
        Workload.Container c = workload.container();
        if (c == null) {
            g.writeNullField("container");
        } else {
            g.writeObjectFieldStart("container");
            g.writeStringField("runtime", c.runtime());
            g.writeStringField("id", c.id());
            g.writeStringField("name", c.name());
            g.writeEndObject();
        }
        Workload.Pod p = workload.pod();
        if (p == null) {
            g.writeNullField("pod");
        } else {
            g.writeObjectFieldStart("pod");
            g.writeStringField("namespace", p.namespace());
            g.writeStringField("name", p.name());
            g.writeStringField("uid", p.uid());
            g.writeEndObject();
        }
        g.writeStringField("unit", workload.unit());
    }
}
