package io.sockscope.filter;

import io.sockscope.model.AddressFamily;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The compiler against bytecode captured from the installed ss 6.1 with strace ({@code bytecode/capture.sh}):
 * for every case the bytes must be identical, and "no bytecode" must be predicted where ss sent none.
 */
class BytecodeGoldenTest {

    @TestFactory
    List<DynamicTest> compilerReproducesWhatSsSent() throws IOException {
        List<String> lines;
        try (InputStream in = getClass().getResourceAsStream("bytecode/golden.tsv")) {
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
        MapEnvironment env = new MapEnvironment();
        List<DynamicTest> tests = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            if (f[0].equals("env")) {
                applyEnv(env, f);
                continue;
            }
            String flags = f[0];
            String expression = f[1];
            String expected = f[2];
            tests.add(DynamicTest.dynamicTest("ss " + flags + " '" + expression + "'", () -> {
                ParsedFilter parsed = Filters.parse(List.of(expression), contextFor(flags, env));
                BytecodePlan plan = BytecodeCompiler.compile(parsed.expression().orElseThrow());
                if (expected.equals("NONE")) {
                    assertInstanceOf(BytecodePlan.None.class, plan);
                } else {
                    BytecodePlan.Program program = assertInstanceOf(BytecodePlan.Program.class, plan);
                    boolean unix = expression.contains("unix:");
                    boolean otherFamily = unix || expression.matches(".*\\b(link|netlink|vsock):.*");
                    String actual = HexFormat.of().formatHex(program.bytes());
                    // ss copies four bytes of a heap pointer where a unix condition's address goes.
                    assertEquals(unix ? maskUnixAddresses(expected) : expected, actual);
                    assertEquals(!unix, program.exact());
                    assertEquals(!otherFamily, program.kernelAccepts(),
                            "the kernel audit refuses host conditions of families other than inet/inet6");
                    assertEquals(otherFamily, InetDiagInterpreter.audit(program.bytes(), true) != null);
                }
            }));
        }
        assertTrue(tests.size() > 80, "fixture has the captured cases");
        return tests;
    }

    /** Zeros in the address of every 4-byte-address host op of family 1 (unix). */
    static String maskUnixAddresses(String hex) {
        byte[] b = HexFormat.of().parseHex(hex);
        int pos = 0;
        while (pos + 4 <= b.length) {
            int code = b[pos] & 0xFF;
            int len = b[pos + 1] & 0xFF;
            if ((code == 7 || code == 8) && b[pos + 4] == 1) {
                for (int i = 12; i < 16; i++) {
                    b[pos + i] = 0;
                }
            }
            pos += len;
        }
        return HexFormat.of().formatHex(b);
    }

    static ParseContext contextFor(String flags, FilterEnvironment env) {
        int family = AddressFamily.UNSPEC;
        if (flags.contains("4")) {
            family = AddressFamily.INET;
        }
        if (flags.contains("6")) {
            family = AddressFamily.INET6;
        }
        return new ParseContext(family, flags.contains("t"), flags.contains("u"), env);
    }

    static void applyEnv(MapEnvironment env, String[] f) throws IOException {
        switch (f[1]) {
            case "service" -> env.service(f[2], f[3], Integer.parseInt(f[4]));
            case "host" -> env.host(f[2], f[3].equals("v4") ? AddressFamily.INET : AddressFamily.INET6,
                    InetAddress.getByName(f[4]).getAddress());
            case "cgroup" -> env.cgroup(f[2], Long.parseLong(f[3]));
            case "interface" -> env.iface(f[2], Integer.parseInt(f[3]));
            default -> throw new IllegalArgumentException("unknown env line " + String.join("\t", f));
        }
    }
}
