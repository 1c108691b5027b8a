package io.sockscope.cli.json;

import com.fasterxml.jackson.core.JsonGenerator;
import io.sockscope.api.Container;
import io.sockscope.api.NetworkNamespace;
import io.sockscope.api.Pod;
import io.sockscope.api.SocketEntry;
import io.sockscope.api.internal.NamespaceWorkload;

import java.io.IOException;
import java.util.List;

/**
 * The members of a socket object that say where it was listed and what runs it: {@code netns}, {@code container},
 * {@code pod} and {@code unit}. All four are always written, null when the listing did not look (a listing of one
 * namespace) or found nothing, as every member of schema v1 is. The doctor's evidence about another namespace
 * ({@code netns_sockets}) writes the same four members, from the same values.
 */
final class NamespaceWorkloadJson {
    private NamespaceWorkloadJson() {
    }

    static void write(JsonGenerator g, SocketEntry entry) throws IOException {
        write(g, new NamespaceWorkload(entry.namespace(), entry.container(), entry.pod(), entry.unit()));
    }

    static void write(JsonGenerator g, NamespaceWorkload where) throws IOException {
        netns(g, where.namespace());
        container(g, where.container());
        pod(g, where.pod());
        g.writeStringField("unit", where.unit());
    }

    private static void netns(JsonGenerator g, NetworkNamespace n) throws IOException {
        if (n == null) {
            g.writeNullField("netns");
            return;
        }
        netns(g, n.inode(), n.name(), n.pidsSample());
    }

    /** The {@code netns} member: {@code {"inode", "name", "pids_sample"}}; watch's events write it too. */
    static void netns(JsonGenerator g, long inode, String name, List<Integer> pidsSample) throws IOException {
        g.writeObjectFieldStart("netns");
        g.writeNumberField("inode", inode);
        g.writeStringField("name", name);
        g.writeArrayFieldStart("pids_sample");
        for (int pid : pidsSample) {
            g.writeNumber(pid);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void container(JsonGenerator g, Container c) throws IOException {
        if (c == null) {
            g.writeNullField("container");
            return;
        }
        g.writeObjectFieldStart("container");
        g.writeStringField("runtime", c.runtime());
        g.writeStringField("id", c.id());
        g.writeStringField("name", c.name());
        g.writeEndObject();
    }

    private static void pod(JsonGenerator g, Pod p) throws IOException {
        if (p == null) {
            g.writeNullField("pod");
            return;
        }
        g.writeObjectFieldStart("pod");
        g.writeStringField("namespace", p.namespace());
        g.writeStringField("name", p.name());
        g.writeStringField("uid", p.uid());
        g.writeEndObject();
    }
}
