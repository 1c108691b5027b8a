package io.sockscope.attribution;

import io.sockscope.model.WarningSink;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a runtime's metadata file whole, within a bound: the files are written by daemons we do not control and
 * read while they run, so a file that is missing or unreadable (removed with its container, or not ours to read)
 * is simply not there, and one larger than {@link #MAX_BYTES} is skipped with a warning rather than read.
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
}
