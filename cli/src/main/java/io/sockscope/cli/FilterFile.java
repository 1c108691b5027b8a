package io.sockscope.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads the filter file of {@code -F FILE} (a name starting with '-' means standard input, as in ss). */
final class FilterFile {
    private FilterFile() {
    }

    static String read(String name) throws UsageException {
        try (InputStream in = name.startsWith("-") ? System.in : Files.newInputStream(Path.of(name))) {
            // ISO-8859-1 keeps every byte as one character, as ss reads bytes.
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            throw new UsageException("cannot open filter file " + name + ": No such file or directory");
        } catch (IOException | RuntimeException e) {
            throw new UsageException("cannot read filter file " + name + ": " + e.getMessage());
        }
    }
}
