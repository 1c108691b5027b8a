package io.sockscope.differential;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The published JSON Schema of sockscope's output ({@code docs/sockscope-v1.schema.json}), applied with
 * networknt's json-schema-validator: a whole {@code --json} document against the schema, one
 * {@code --ndjson} line against its {@code #/$defs/socket}.
 */
final class SchemaCheck {

    /** The schema's {@code $id}, under which the registry knows its text. */
    static final String SCHEMA_ID = "urn:sockscope:schema:v1";

    /** The socket kinds' definitions by the {@code family} that selects them. */
    private static final Map<String, String> KIND_BY_FAMILY = Map.of("inet", "inet_socket", "inet6", "inet_socket",
            "unix", "unix_socket", "packet", "packet_socket", "netlink", "netlink_socket");

    private final Schema document;
    private final Schema socket;
    private final Map<String, Schema> kinds;

    private SchemaCheck(Schema document, Schema socket, Map<String, Schema> kinds) {
        this.document = document;
        this.socket = socket;
        this.kinds = kinds;
    }

    /** The schema in the repository, found from the command module's directory (the tests' working directory). */
    static Path repositoryFile() {
        return Path.of(System.getProperty("user.dir")).resolve("../docs/sockscope-v1.schema.json").normalize();
    }

    /** Loads the schema from {@code file}; nothing is fetched from the network. */
    static SchemaCheck load(Path file) throws IOException {
        String text = Files.readString(file);
        if (!text.contains("\"" + SCHEMA_ID + "\"")) {
            throw new IOException(file + " does not have the $id " + SCHEMA_ID);
        }
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemas(Map.of(SCHEMA_ID, text)));
        Map<String, Schema> kinds = new HashMap<>();
        for (Map.Entry<String, String> k : KIND_BY_FAMILY.entrySet()) {
            kinds.put(k.getKey(), registry.getSchema(SchemaLocation.of(SCHEMA_ID + "#/$defs/" + k.getValue())));
        }
        return new SchemaCheck(registry.getSchema(SchemaLocation.of(SCHEMA_ID)),
                registry.getSchema(SchemaLocation.of(SCHEMA_ID + "#/$defs/socket")), Map.copyOf(kinds));
    }

    /**
     * Why a {@code --json} document does not conform, one line per error; empty when it does. A socket that
     * fails is reported with the errors of the kind its {@code family} names, not of every alternative.
     */
    List<String> documentErrors(String json) {
        List<Error> errors = document.validate(json, InputFormat.JSON);
        if (errors.isEmpty()) {
            return List.of();
        }
        List<String> why = new ArrayList<>(describe("", errors.stream()
                .filter(e -> !e.getInstanceLocation().toString().startsWith("/sockets/")).toList()));
        List<String> sockets = JsonTree.arrayElementTexts(json, "sockets");
        for (int i = 0; i < sockets.size(); i++) {
            why.addAll(socketErrors("/sockets/" + i, sockets.get(i)));
        }
        return why.isEmpty() ? describe("", errors) : why;
    }

    /** Why one {@code --ndjson} line does not conform; empty when it does. */
    List<String> socketErrors(String line) {
        return socketErrors("", line);
    }

    private List<String> socketErrors(String where, String text) {
        List<Error> errors = socket.validate(text, InputFormat.JSON);
        if (errors.isEmpty()) {
            return List.of();
        }
        Object family = JsonTree.object(text).get("family");
        Schema kind = kinds.get(String.valueOf(family));
        if (kind == null) {
            return List.of(where + ": family " + family + " names no kind of socket");
        }
        List<Error> focused = kind.validate(text, InputFormat.JSON);
        return describe(where, focused.isEmpty() ? errors : focused);
    }

    private static List<String> describe(String where, List<Error> errors) {
        return errors.stream().map(e -> where + e.getInstanceLocation() + ": " + e.getMessage()).toList();
    }
}
