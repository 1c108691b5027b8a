package io.sockscope.cli;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The published schema of watch's events and of {@code leaks --json} ({@code docs/sockscope-watch-v1.schema.json}),
 * applied with networknt's json-schema-validator; nothing is fetched from the network.
 */
final class WatchSchema {
    static final String SCHEMA_ID = "urn:sockscope:watch:v1";
    private static final WatchSchema REPOSITORY = load();

    private final Schema event;
    private final Schema leaksReport;

    private WatchSchema(Schema event, Schema leaksReport) {
        this.event = event;
        this.leaksReport = leaksReport;
    }

    /** The schema in the repository, read once. */
    static WatchSchema repository() {
        return REPOSITORY;
    }

    /** Why one line of {@code watch --ndjson} does not conform, one error a line; empty when it does. */
    List<String> eventErrors(String line) {
        return describe(event.validate(line, InputFormat.JSON));
    }

    /** Why a {@code leaks --json} document does not conform; empty when it does. */
    List<String> leaksReportErrors(String document) {
        return describe(leaksReport.validate(document, InputFormat.JSON));
    }

    private static List<String> describe(List<Error> errors) {
        return errors.stream().map(e -> e.getInstanceLocation() + ": " + e.getMessage()).toList();
    }

    private static WatchSchema load() {
        Path file = Path.of(System.getProperty("user.dir")).resolve("../docs/sockscope-watch-v1.schema.json")
                .normalize();
        try {
            String text = Files.readString(file);
            SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                    builder -> builder.schemas(Map.of(SCHEMA_ID, text)));
            return new WatchSchema(registry.getSchema(SchemaLocation.of(SCHEMA_ID)),
                    registry.getSchema(SchemaLocation.of(SCHEMA_ID + "#/$defs/leaks_report")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
