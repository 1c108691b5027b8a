package io.sockscope.apicaller;

import io.sockscope.api.SocketEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Java blocks of docs/library.md and the README compile against the library as they stand, each as the body
 * of a method outside the library's package; and what docs/library.md says a caller cannot do (deconstruct an
 * entry with a record pattern, construct one, implement one) does not compile, for the reason it gives. The
 * JDK's javac runs as a separate process: the library's tests compile as its module, which reads java.base only.
 */
class DocumentedSnippetsTest {
    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);

    @TempDir
    Path work;

    @Test
    void theDocumentsJavaBlocksCompile() throws IOException, InterruptedException {
        Map<String, String> sources = new LinkedHashMap<>();
        for (String document : List.of("docs/library.md", "README.md")) {
            Matcher m = JAVA_BLOCK.matcher(Files.readString(project().resolve(document), StandardCharsets.UTF_8));
            int before = sources.size();
            while (m.find()) {
                String name = "Snippet" + sources.size();
                sources.put(name, wrap(name, m.group(1)));
            }
            assertTrue(sources.size() > before, document + " has no java block");
        }
        assertEquals("", javac(sources), "the documents' blocks, as compiled:\n" + String.join("\n", sources.values()));
    }

    @Test
    void whatCallersCannotDoDoesNotCompile() throws IOException, InterruptedException {
        Map<String, String> refused = new LinkedHashMap<>();
        refused.put("compiler.err.deconstruction.pattern.only.records", """
                static int port(SocketEntry e) {
                    return e instanceof InetSocketEntry(var protocol, var family, var state) ? 1 : 0;
                }
                """);
        refused.put("compiler.err.abstract.cant.be.instantiated", """
                static Object make() {
                    return new Endpoint("127.0.0.1", 80, null, false, false);
                }
                """);
        refused.put("compiler.err.not.def.public.cant.access", """
                static Object make() {
                    return new io.sockscope.api.EndpointRecord("127.0.0.1", 80, null, false, false);
                }
                """);
        refused.put("compiler.err.cant.inherit.from.sealed", """
                record Fake(Protocol protocol, SocketState state, long recvQueue, long sendQueue, long inode,
                        Owners owners) implements SocketEntry {
                }
                """);
        Map<String, String> sources = new LinkedHashMap<>();
        List<String> codes = new ArrayList<>(refused.keySet());
        for (int i = 0; i < codes.size(); i++) {
            sources.put("Refused" + i, "import io.sockscope.api.*;\nclass Refused" + i + " {\n"
                    + refused.get(codes.get(i)) + "}\n");
        }
        String errors = javac(sources);
        for (int i = 0; i < codes.size(); i++) {
            String file = "Refused" + i + ".java:";
            String code = ": " + codes.get(i);
            assertTrue(errors.lines().anyMatch(l -> l.startsWith(file) && l.contains(code)),
                    "not refused with " + codes.get(i) + ":\n" + refused.get(codes.get(i)) + "javac said:\n" + errors);
        }
    }

    /** A block as the body of a method; its import lines go to the top. */
    private static String wrap(String name, String block) {
        StringBuilder imports = new StringBuilder("import io.sockscope.api.*;\n");
        StringBuilder body = new StringBuilder();
        for (String line : block.split("\n")) {
            (line.startsWith("import ") ? imports : body).append(line).append('\n');
        }
        return imports + "class " + name + " {\n    static void run() throws Exception {\n" + body + "    }\n}\n";
    }

    /** Compiles the sources against the library as a caller would; what javac printed, with its codes. */
    private String javac(Map<String, String> sources) throws IOException, InterruptedException {
        Path src = Files.createDirectories(work.resolve("src"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "javac")
                .toString(), "-XDrawDiagnostics", "--release", "25", "-proc:none", "-classpath", library().toString(),
                "-d", Files.createDirectories(work.resolve("classes")).toString()));
        for (Map.Entry<String, String> s : sources.entrySet()) {
            Path file = src.resolve(s.getKey() + ".java");
            Files.writeString(file, s.getValue(), StandardCharsets.UTF_8);
            command.add(file.toString());
        }
        Process javac = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(javac.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(javac.waitFor(120, TimeUnit.SECONDS), "javac did not finish");
        return output.replace(src + "/", "");
    }

    /** Where the library's classes are: what a caller compiles against. */
    private static Path library() {
        try {
            return Path.of(SocketEntry.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The project's root: Maven runs the tests in core/. */
    private static Path project() {
        return Path.of("").toAbsolutePath().getParent();
    }
}
