package io.sockscope.cli;

import io.sockscope.testing.CommandRun;
import io.sockscope.testing.JniLibrary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code sockscope -V}: its first line as scripts know it, then the runtime, whether the AOT cache is in use
 * (given and mapped, not given, or given and rejected) and which native calls serve the run. A cache the JVM
 * cannot use never fails the command.
 */
class VersionReportTest {
    private static final String FIRST_LINE = "sockscope " + Version.VALUE + " (ss-compatible listing of iproute2 6.1)";

    @Test
    void withoutACacheOrTheLibraryTheLinesSaySo() throws Exception {
        List<String> lines = version(List.of(), null, "-V", "--ss-dialect=6.1");
        assertEquals(FIRST_LINE, lines.get(0));
        assertEquals("ss dialect: 6.1 (--ss-dialect 6.1)", lines.get(1));
        assertEquals("Java runtime: " + System.getProperty("java.runtime.version") + " ("
                + System.getProperty("java.home") + ")", lines.get(2));
        assertEquals("AOT cache: not in use (no cache given)", lines.get(3));
        assertTrue(lines.get(4).startsWith("Native calls: FFM downcalls (the JNI library is not used: "), lines.get(4));
        assertEquals(5, lines.size(), lines.toString());
    }

    @Test
    void theDialectSaysWhereItCameFrom() throws Exception {
        List<String> named = version(List.of(), null, "--ss-d", "7.1", "-V");
        assertEquals("sockscope " + Version.VALUE + " (ss-compatible listing of iproute2 7.1)", named.get(0));
        assertEquals("ss dialect: 7.1 (--ss-dialect 7.1)", named.get(1));
        CommandRun fromVariable = CommandRun.run(command(List.of(), null, CommandRun.cliClassPath(), "-V"),
                Map.of("SOCKSCOPE_SS_DIALECT", "7.1"), 60);
        assertEquals("ss dialect: 7.1 (SOCKSCOPE_SS_DIALECT=7.1)", fromVariable.stdoutText().lines().toList().get(1));
        CommandRun wrong = run(List.of(), null, "--ss-dialect=8.0", "-tln");
        assertEquals(1, wrong.exitCode());
        assertEquals("sockscope: unknown ss dialect '8.0' in --ss-dialect (6.1 or 7.1)\n", wrong.stderrText());
        assertEquals("", wrong.stdoutText());
    }

    @Test
    void withTheLibraryTheLineNamesIt() throws Exception {
        assumeTrue(JniLibrary.built().isPresent(), "the JNI library is not built (bin/build-native builds it)");
        Path library = JniLibrary.built().orElseThrow();
        List<String> lines = version(List.of(), library.toString(), "--version", "--ss-dialect=6.1");
        assertEquals(FIRST_LINE, lines.get(0));
        assertEquals("Native calls: the JNI library " + library, lines.get(4));
    }

    @Test
    void aStaleCacheIsNotUsedAndNotFatal(@TempDir Path dir) throws Exception {
        Path cache = dir.resolve("stale.aot");
        Files.writeString(cache, "not a cache");
        // As the launchers pass it: the JVM's messages about a cache it cannot use are silenced.
        List<String> jvm = List.of("-XX:AOTCache=" + cache, "-Xlog:aot*=off,cds*=off");
        List<String> lines = version(jvm, null, "-V", "--ss-dialect=6.1");
        assertEquals(FIRST_LINE, lines.get(0));
        assertEquals("AOT cache: not in use (the cache did not match: " + cache + ")", lines.get(3));
        CommandRun debug = run(jvm, null, "-V", "--debug");
        assertEquals(0, debug.exitCode(), debug.stderrText());
        assertEquals(List.of("sockscope: the start-up cache " + cache + " was not used (made by another runtime or"
                + " from other jars): this run started without it"), debug.stderrText().lines().toList());
    }

    @Test
    void aCacheTrainedOnTheSameJarsIsInUse(@TempDir Path dir) throws Exception {
        // The JVM caches classes from jars only: the command's classes go into one, beside the libraries' jars.
        Path jar = dir.resolve("sockscope-cli.jar");
        jarOf(Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI()), jar);
        List<String> classPath = new ArrayList<>(List.of(jar.toString()));
        for (String entry : CommandRun.cliClassPath().split(java.io.File.pathSeparator)) {
            if (entry.endsWith(".jar")) {
                classPath.add(entry);
            } else if (Files.isDirectory(Path.of(entry))) {
                // The library's classes, when the build has not made its jar yet.
                Path classes = dir.resolve("classes-" + classPath.size() + ".jar");
                jarOf(Path.of(entry), classes);
                classPath.add(classes.toString());
            } else if (entry.endsWith("*")) {
                try (Stream<Path> jars = Files.list(Path.of(entry.substring(0, entry.length() - 1)))) {
                    jars.filter(p -> p.toString().endsWith(".jar")).sorted().forEach(p -> classPath.add(p.toString()));
                }
            }
        }
        Path cache = dir.resolve("sockscope.aot");
        String path = String.join(java.io.File.pathSeparator, classPath);
        CommandRun training = CommandRun.run(command(List.of("-XX:AOTCacheOutput=" + cache), null, path, "-V"),
                Map.of(), 120);
        assertEquals(0, training.exitCode(), training.stderrText());
        assumeTrue(Files.isRegularFile(cache), "this JVM made no AOT cache: " + training.stderrText());
        CommandRun run = CommandRun.run(command(List.of("-XX:AOTCache=" + cache, "-Xlog:aot*=off,cds*=off"), null,
                path, "-V"), Map.of(), 60);
        assertEquals(0, run.exitCode(), run.stderrText());
        assertEquals("AOT cache: in use (" + cache + ")", run.stdoutText().lines().toList().get(3));
    }

    private static List<String> version(List<String> jvm, String library, String... args) throws Exception {
        CommandRun run = run(jvm, library, args);
        assertEquals(0, run.exitCode(), run.stderrText());
        assertEquals("", run.stderrText());
        return run.stdoutText().lines().toList();
    }

    private static CommandRun run(List<String> jvm, String library, String... args) throws Exception {
        return CommandRun.run(command(jvm, library, CommandRun.cliClassPath(), args), Map.of(), 60);
    }

    private static List<String> command(List<String> jvm, String library, String classPath, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("--enable-native-access=ALL-UNNAMED");
        command.addAll(jvm);
        if (library != null) {
            command.add("-D" + JniLibrary.PROPERTY + "=" + library);
        }
        command.add("-cp");
        command.add(classPath);
        command.add(Main.class.getName());
        command.addAll(List.of(args));
        return command;
    }

    /** Writes the class files under {@code classes} into a new jar. */
    private static void jarOf(Path classes, Path jar) throws IOException {
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
             Stream<Path> files = Files.walk(classes)) {
            for (Path path : files.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(path).toString().replace('\\', '/')));
                Files.copy(path, out);
                out.closeEntry();
            }
        }
    }
}
