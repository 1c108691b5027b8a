package io.sockscope.cli;

import io.sockscope.kernel.BytePaths;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads the filter file of {@code -F FILE} (a name starting with '-' means standard input, as in ss). */
final class FilterFile {
    /**
     * The most a filter file may hold. ss reads its file a line at a time and stops at the first bad one;
     * reading the whole file first, sockscope needs a bound so that {@code -F /dev/zero} ends at once. A
     * real filter (ss reads at most 1,022 characters a line) is a few kilobytes.
     */
    static final int MAX_BYTES = 1 << 20;

    private FilterFile() {
    }

    static String read(String name) throws UsageException {
        return read(name, name.getBytes(StandardCharsets.UTF_8));
    }

    /** The file {@code name} as typed, opened by {@code nameBytes}, its bytes (see {@link BytePaths}). */
    static String read(String name, byte[] nameBytes) throws UsageException {
        return read(name, nameBytes, System.in);
    }

    static String read(String name, byte[] nameBytes, InputStream standardInput) throws UsageException {
        boolean fromStdin = name.startsWith("-");
        Path path = null;
        try {
            if (!fromStdin) {
                path = BytePaths.reachable(nameBytes);
            }
        } catch (IOException e) {
            throw new UsageException("cannot open filter file " + name + ": " + e.getMessage());
        }
        try {
            if (!fromStdin && Files.isDirectory(path)) {
                // ss opens a directory, its first read fails, and it takes the file for an empty filter.
                return "";
            }
        } catch (RuntimeException e) {
            throw new UsageException("cannot open filter file " + name + ": " + e.getMessage());
        }
        try (InputStream in = fromStdin ? standardInput : Files.newInputStream(path)) {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw new UsageException("filter file " + name + " holds more than " + (MAX_BYTES >> 20)
                        + " MiB: not a filter");
            }
            // ISO-8859-1 keeps every byte as one character, as ss reads bytes.
            return new String(bytes, StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            throw new UsageException("cannot open filter file " + name + ": No such file or directory");
        } catch (IOException | RuntimeException e) {
            throw new UsageException("cannot read filter file " + name + ": " + e.getMessage());
        }
    }
}
