package io.sockscope.cli.json;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;

/** The {@code host} object of a JSON document (the listing's and the doctor's): host, kernel and namespace. */
final class HostJson {
    private HostJson() {
    }

    static void write(JsonGenerator g, HostFacts host) throws IOException {
        g.writeStartObject();
        g.writeStringField("hostname", host.hostname());
        g.writeStringField("kernel", host.kernel());
        g.writeObjectFieldStart("network_namespace");
        if (host.namespaceInode() > 0) {
            g.writeNumberField("inode", host.namespaceInode());
        } else {
            g.writeNullField("inode");
        }
        g.writeStringField("name", host.namespaceName());
        g.writeEndObject();
        g.writeEndObject();
    }
}
