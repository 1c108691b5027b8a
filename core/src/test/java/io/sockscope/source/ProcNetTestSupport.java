package io.sockscope.source;

import io.sockscope.model.AddressFamily;
import io.sockscope.model.SocketRecord;
import io.sockscope.model.TcpState;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Shared pieces of the /proc/net tests: fixture paths, requests, collecting dumps, running the real ss. */
final class ProcNetTestSupport {
    static final int ALL_TABLES = (1 << 16) - 1;
    static final long ALL_FAMILIES = AddressFamily.mask(AddressFamily.INET) | AddressFamily.mask(AddressFamily.INET6)
            | AddressFamily.mask(AddressFamily.UNIX) | AddressFamily.mask(AddressFamily.PACKET)
            | AddressFamily.mask(AddressFamily.NETLINK);

    private ProcNetTestSupport() {
    }

    /** A fixture tree under src/test/resources/proc. */
    static Path fixture(String name) {
        try {
            return Path.of(ProcNetTestSupport.class.getResource("/proc/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static DumpRequest request(int tables, int states, long families) {
        return new DumpRequest(tables, states, families, AddressFamily.UNSPEC, false, false, false, false, false, null);
    }

    static DumpRequest everything() {
        return request(ALL_TABLES, TcpState.ALL, ALL_FAMILIES);
    }

    /** Sockets and warnings of one or more dumps. */
    static final class Dump {
        final List<SocketRecord> sockets = new ArrayList<>();
        final List<String> warnings = new ArrayList<>();

        Dump run(SocketSource source, DumpKind kind, DumpRequest request) throws SourceException {
            source.dump(kind, request, sockets::add, warnings::add);
            return this;
        }
    }

    static Dump dump(Path root, DumpKind kind, DumpRequest request) throws SourceException {
        return new Dump().run(new ProcNetSource(new ProcPaths(Map.of("PROC_ROOT", root.toString())), 100), kind,
                request);
    }

    static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.ISO_8859_1);
    }

    /** Rows of ss output, header dropped, each split on white space. */
    static List<String[]> rows(String ssOutput) {
        List<String[]> rows = new ArrayList<>();
        String[] lines = ssOutput.split("\n");
        for (int i = 1; i < lines.length; i++) {
            if (!lines[i].isBlank()) {
                rows.add(lines[i].trim().split("\\s+"));
            }
        }
        return rows;
    }

    static boolean ssInstalled() {
        return Files.isExecutable(Path.of("/usr/bin/ss")) || Files.isExecutable(Path.of("/sbin/ss"));
    }

    /** Runs the installed ss with extra environment and returns its standard output. */
    static String runSs(Map<String, String> environment, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Files.isExecutable(Path.of("/usr/bin/ss")) ? "/usr/bin/ss" : "/sbin/ss");
        command.addAll(Arrays.asList(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().remove("PROC_ROOT");
        pb.environment().keySet().removeIf(k -> k.startsWith("PROC_NET_") || k.equals("TCPDIAG_FILE"));
        pb.environment().putAll(environment);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("ss did not finish");
        }
        return new String(out, StandardCharsets.ISO_8859_1);
    }
}
