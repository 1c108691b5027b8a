package io.sockscope.diagnose.system;

import io.sockscope.diagnose.SysctlProvider;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Sysctls from {@code <procRoot>/sys}, which shows the settings of the reader's network namespace. */
public final class ProcSysctls implements SysctlProvider {
    private static final int MAX_VALUE = 4096;

    private final Path procRoot;

    public ProcSysctls(Path procRoot) {
        this.procRoot = procRoot;
    }

    @Override
    public Optional<String> read(String name) {
        if (name.contains("/") || name.contains("..")) {
            return Optional.empty();
        }
        Path file = procRoot.resolve("sys").resolve(name.replace('.', '/'));
        // One large read: sysctl handlers answer a read at a non-zero offset with end of file, so reading in
        // small pieces (as Files.readString does for files that report size 0) returns only the first byte.
        try (InputStream in = Files.newInputStream(file)) {
            byte[] value = in.readNBytes(MAX_VALUE);
            return Optional.of(new String(value, StandardCharsets.ISO_8859_1).trim().replaceAll("\\s+", " "));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
