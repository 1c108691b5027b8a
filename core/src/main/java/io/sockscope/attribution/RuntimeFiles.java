package io.sockscope.attribution;

import io.sockscope.json.JsonReader;
import io.sockscope.json.JsonSyntaxException;
import io.sockscope.json.JsonValue;
import io.sockscope.model.WarningSink;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads a runtime's metadata file whole, within a bound: the files are written by daemons we do not control and
 * read while they run, so a file that is missing or unreadable (removed with its container, or not ours to read)
 * is simply not there, and one larger than {@link #MAX_BYTES} is skipped with a warning rather than read. A JSON
 * file is read as a tree, which the bound keeps small.
 */
final class RuntimeFiles {
    /** Far above any real config.v2.json or containers.json, and far below trouble. */
    static final int MAX_BYTES = 4 << 20;

    private RuntimeFiles() {
    }

    /** The file's text (UTF-8, malformed bytes replaced), or null when it cannot be had. */
    static String read(Path file, WarningSink warnings) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                warnings.warn(file + ": skipped, larger than " + (MAX_BYTES >> 20) + " MiB");
                return null;
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * The file's JSON when its top level is a {@code topLevel} (an object for Docker's config, an array for
     * containers/storage's list); else empty, silently when the file cannot be had, and otherwise with one
     * warning that ends with what is lost ({@code without}): the file is too large, not JSON, or not that shape.
     */
    static <T extends JsonValue> Optional<T> readJson(Path file, Class<T> topLevel, WarningSink warnings,
            String without) {
        String text = read(file, warnings);
        if (text == null) {
            return Optional.empty();
        }
        String problem;
        try {
            JsonValue value = JsonReader.read(text);
            if (topLevel.isInstance(value)) {
                return Optional.of(topLevel.cast(value));
            }
            problem = "its top level is not " + kind(topLevel);
        } catch (JsonSyntaxException e) {
            problem = e.getMessage();
        }
        warnings.warn(file + ": not the JSON expected (" + problem + "): " + without);
        return Optional.empty();
    }

    private static String kind(Class<? extends JsonValue> type) {
        if (type == JsonValue.JsonObject.class) {
            return "an object";
        }
        return type == JsonValue.JsonArray.class ? "an array" : type.getSimpleName();
    }
}
