package io.sockscope.names;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads the whitespace-separated tables in /etc (services, protocols, iproute2's nl_protos) line by line. */
final class NameTableFile {
    private NameTableFile() {
    }

    /** The lines of a file with comments ('#' to the end of line) removed; empty when unreadable. */
    static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.ISO_8859_1).stream()
                    .map(NameTableFile::stripComment)
                    .filter(l -> !l.isBlank())
                    .toList();
        } catch (IOException | RuntimeException e) {
            // A missing or unreadable table means numbers are printed, as the C library does.
            return List.of();
        }
    }

    private static String stripComment(String line) {
        int hash = line.indexOf('#');
        return hash < 0 ? line : line.substring(0, hash);
    }

    static String[] fields(String line) {
        return line.trim().split("[ \t]+");
    }
}
