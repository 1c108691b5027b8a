package io.sockscope.inspect;

import io.sockscope.filter.EphemeralPortRange;
import io.sockscope.source.ProcNetFile;
import io.sockscope.source.ProcPaths;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

/** The ephemeral port range the filter's {@code autobound} test needs, read where ss reads it. */
public final class EphemeralPorts {
    private EphemeralPorts() {
    }

    /** {@code ip_local_port_range} under {@code paths}, or ss's fallback when it cannot be read or parsed. */
    public static EphemeralPortRange read(ProcPaths paths) {
        try (InputStream in = Files.newInputStream(paths.resolve(ProcNetFile.IP_LOCAL_PORT_RANGE))) {
            return EphemeralPortRange.parse(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
        } catch (IOException | RuntimeException e) {
            return EphemeralPortRange.FALLBACK;
        }
    }
}
