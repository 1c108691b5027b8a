package io.sockscope.differential;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One command line of the dialect golden files ({@code src/test/golden/ss-7.1/regenerate} wrote them) with
 * what one dialect's ss did when it replayed the case's dump: the case's arguments, environment and dump,
 * and the expected exit code, stdout and stderr.
 *
 * <p>The files live on the test class path: {@code /ss-7.1/cases} (tab-separated: id, dump, {@code NAME=VALUE}
 * or {@code -}, arguments), {@code /ss-7.1/dumps/NAME.bin}, and per dialect {@code /ss-D/exit-codes} ("id
 * code" lines), {@code /ss-D/ID.stdout} and {@code /ss-D/ID.stderr}.
 *
 * @param dialect     the ss version whose output this is, "6.1" or "7.1" (the value of SOCKSCOPE_SS_DIALECT)
 * @param environment variables of the case besides TCPDIAG_FILE (COLUMNS)
 */
record DialectGolden(String dialect, String id, String dump, Map<String, String> environment, List<String> arguments,
                     int exitCode, byte[] stdout, byte[] stderr) {

    /** Where the dumps are on the class path; each dialect replays the same files. */
    static final String DUMPS = "/ss-7.1/dumps/";

    DialectGolden {
        environment = Map.copyOf(environment);
        arguments = List.copyOf(arguments);
    }

    /** Every case of one dialect, in the order of the cases file. */
    static Stream<DialectGolden> of(String dialect) {
        Map<String, Integer> exitCodes = new HashMap<>();
        for (String line : text("/ss-" + dialect + "/exit-codes").split("\n")) {
            String[] idAndCode = line.split(" ");
            exitCodes.put(idAndCode[0], Integer.parseInt(idAndCode[1]));
        }
        List<DialectGolden> cases = new ArrayList<>();
        for (String line : text("/ss-7.1/cases").split("\n")) {
            String[] fields = line.split("\t", -1);
            String id = fields[0];
            Map<String, String> environment = fields[2].equals("-") ? Map.of()
                    : Map.of(fields[2].substring(0, fields[2].indexOf('=')), fields[2].substring(fields[2].indexOf('=') + 1));
            Integer exitCode = exitCodes.get(id);
            if (exitCode == null) {
                throw new IllegalStateException("no exit code for case " + id + " of ss " + dialect);
            }
            cases.add(new DialectGolden(dialect, id, fields[1], environment, Arrays.asList(fields).subList(3, fields.length),
                    exitCode, bytes("/ss-" + dialect + "/" + id + ".stdout"), bytes("/ss-" + dialect + "/" + id + ".stderr")));
        }
        return cases.stream();
    }

    /** The bytes of a class path resource, failing loudly when it is missing (a golden file not regenerated). */
    static byte[] bytes(String resource) {
        try (InputStream in = DialectGolden.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no golden file " + resource + " (src/test/golden/ss-7.1/regenerate)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(String resource) {
        return new String(bytes(resource), StandardCharsets.UTF_8).strip();
    }

    /** The case as a shell line, as ss of this dialect ran it. */
    FlagCase flags() {
        FlagCase flags = new FlagCase(arguments, environment);
        return flags.with("TCPDIAG_FILE", dump);
    }

    /** What JUnit shows: the dialect and the command line. */
    @Override
    public String toString() {
        return "ss " + dialect + ": " + flags().commandLine("ss");
    }
}
