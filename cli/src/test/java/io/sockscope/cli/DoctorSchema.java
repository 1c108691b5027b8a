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
 * The doctor's published JSON Schema ({@code docs/sockscope-doctor-v1.schema.json}), with the listing's
 * ({@code docs/sockscope-v1.schema.json}) that it takes its socket and host objects from, applied with
 * networknt's json-schema-validator. Nothing is fetched from the network.
 */
public final class DoctorSchema {
    static final String DOCTOR_ID = "urn:sockscope:schema:doctor:v1";
    static final String LISTING_ID = "urn:sockscope:schema:v1";
    private static DoctorSchema loaded;

    private final Schema document;

    private DoctorSchema(Schema document) {
        this.document = document;
    }

    /** The schemas in the repository, found from the command module's directory (the tests' working directory). */
    public static synchronized DoctorSchema repository() {
        if (loaded == null) {
            Path docs = Path.of(System.getProperty("user.dir")).resolve("../docs").normalize();
            try {
                String doctor = Files.readString(docs.resolve("sockscope-doctor-v1.schema.json"));
                String listing = Files.readString(docs.resolve("sockscope-v1.schema.json"));
                SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                        builder -> builder.schemas(Map.of(DOCTOR_ID, doctor, LISTING_ID, listing)));
                loaded = new DoctorSchema(registry.getSchema(SchemaLocation.of(DOCTOR_ID)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return loaded;
    }

    /** Why a {@code doctor --json} document does not conform, one line per error; empty when it does. */
    public List<String> errors(String json) {
        List<Error> errors = document.validate(json, InputFormat.JSON);
        return errors.stream().map(e -> e.getInstanceLocation() + ": " + e.getMessage()).toList();
    }
}
