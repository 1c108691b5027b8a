package io.sockscope.differential;

import io.sockscope.api.Container;
import io.sockscope.api.Endpoint;
import io.sockscope.api.Family;
import io.sockscope.api.NetworkNamespace;
import io.sockscope.api.OwnerStatus;
import io.sockscope.api.Owners;
import io.sockscope.api.Pod;
import io.sockscope.api.Protocol;
import io.sockscope.api.Shutdown;
import io.sockscope.api.SocketEntry;
import io.sockscope.api.SocketState;
import io.sockscope.api.internal.ApiValues;
import io.sockscope.cli.json.HostFacts;
import io.sockscope.cli.json.JsonListingWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The published schema ({@code docs/sockscope-v1.schema.json}) against what the writer writes, with no kernel:
 * every kind of socket, listed in one namespace (netns, container, pod and unit null) and across namespaces (each
 * of them filled, or partly known), conforms as a line and inside a document; and the schema requires the four
 * members and their insides, so that a writer that left one out would fail.
 */
class SocketJsonSchemaTest {
    private static final ApiValues V = ApiValues.get();
    private static final String ID = "3f1c0e5b9a7d2c4e6f8a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e";
    private static final HostFacts HOST = new HostFacts("9.9.9", "web1", "6.1.0-18-amd64", 4026531840L, null);
    private static SchemaCheck schema;

    @BeforeAll
    static void loadSchema() throws IOException {
        schema = SchemaCheck.load(SchemaCheck.repositoryFile());
    }

    /** Where a socket was listed and what runs it, in every combination the writer can meet. */
    private record Where(NetworkNamespace namespace, Container container, Pod pod, String unit) {
    }

    private static List<Where> places() {
        NetworkNamespace blue = V.networkNamespace(4026532301L, "blue", List.of(812, 4100));
        NetworkNamespace bare = V.networkNamespace(4026532302L, null, List.of());
        Container web = V.container("containerd", ID, "web");
        Container unnamed = V.container("docker", ID, null);
        Pod pod = V.pod("shop", "web-7d9f", "5a1e3b2c-0d4f-4e6a-8b9c-1d2e3f4a5b6c");
        Pod podOfUnknownName = V.pod(null, null, "5a1e3b2c-0d4f-4e6a-8b9c-1d2e3f4a5b6c");
        return List.of(new Where(null, null, null, null),
                new Where(blue, null, null, null),
                new Where(bare, null, null, "nginx.service"),
                new Where(blue, unnamed, null, "docker-" + ID + ".scope"),
                new Where(blue, web, pod, "cri-containerd-" + ID + ".scope"),
                new Where(bare, web, podOfUnknownName, null));
    }

    private static List<SocketEntry> everyKindIn(Where w) {
        Owners none = V.owners(OwnerStatus.NOT_REQUESTED, List.of());
        Endpoint any = V.endpoint("0.0.0.0", 0, null, false, true);
        return List.of(
                V.inet(Protocol.TCP, Family.INET, SocketState.LISTEN, 0, 128,
                        V.endpoint("0.0.0.0", 80, null, false, true), any, null, 10, 0, "1a2b", null, Shutdown.NONE,
                        0, 0, null, null, null, null, null, null, none, null, w.namespace(), w.container(), w.pod(),
                        w.unit()),
                V.unix(Protocol.UNIX_STREAM, SocketState.LISTEN, 0, 5, "/run/web.sock", false, 11, 0, null, 0,
                        Shutdown.NONE, List.of(), null, none, w.namespace(), w.container(), w.pod(), w.unit()),
                V.packet(Protocol.PACKET_RAW, SocketState.UNCONNECTED, 0, 0, 3, null, 12, 0, null, none,
                        w.namespace(), w.container(), w.pod(), w.unit()),
                V.netlink(Protocol.NETLINK, SocketState.UNCONNECTED, 0, 0, 0, "rtnl", 900, 0, false, 0, 0, 13, none,
                        w.namespace(), w.container(), w.pod(), w.unit()));
    }

    private static String written(List<SocketEntry> entries, boolean document) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JsonListingWriter w = document ? JsonListingWriter.document(out, HOST) : JsonListingWriter.lines(out);
        for (SocketEntry e : entries) {
            w.write(e);
        }
        w.finish();
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void everyKindConformsWhereverItWasListed() throws IOException {
        List<String> errors = new ArrayList<>();
        List<SocketEntry> all = new ArrayList<>();
        for (Where w : places()) {
            List<SocketEntry> entries = everyKindIn(w);
            all.addAll(entries);
            for (String line : written(entries, false).lines().toList()) {
                schema.socketErrors(line).forEach(e -> errors.add(w + " " + line + "\n  " + e));
            }
        }
        schema.documentErrors(written(all, true)).forEach(e -> errors.add("document: " + e));
        assertEquals(List.of(), errors, String.join("\n", errors));
    }

    /** Each of the four members is required, and so is each member inside netns, container and pod. */
    @Test
    void theSchemaRequiresTheFourAndTheirMembers() throws IOException {
        Where full = places().get(4);
        String line = written(List.of(everyKindIn(full).getFirst()), false).strip();
        assertEquals(List.of(), schema.socketErrors(line));
        List<String> broken = List.of(
                line.replace(",\"netns\":{", ",\"netns_\":{"),
                line.replace(",\"container\":{", ",\"container_\":{"),
                line.replace(",\"pod\":{", ",\"pod_\":{"),
                line.replace(",\"unit\":\"", ",\"unit_\":\""),
                line.replace(",\"pids_sample\":[812,4100]", ""),
                line.replace("\"pids_sample\":[812,4100]", "\"pids_sample\":[0]"),
                line.replace("\"netns\":{\"inode\":4026532301,", "\"netns\":{"),
                line.replace("\"runtime\":\"containerd\",", ""),
                line.replace("\"id\":\"" + ID + "\",", ""),
                line.replace(",\"uid\":\"5a1e3b2c-0d4f-4e6a-8b9c-1d2e3f4a5b6c\"", ""),
                line.replace("\"unit\":\"cri-containerd-" + ID + ".scope\"", "\"unit\":\"\""));
        for (String text : broken) {
            assertFalse(text.equals(line), "the replacement must change the line: " + text);
            assertFalse(schema.socketErrors(text).isEmpty(), "the schema accepts " + text);
        }
    }
}
