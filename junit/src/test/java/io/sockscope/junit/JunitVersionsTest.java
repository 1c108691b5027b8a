package io.sockscope.junit;

import io.sockscope.junit.fixtures.FixtureGuard;
import io.sockscope.junit.fixtures.LeakyTests;
import io.sockscope.junit.fixtures.WellBehavedTests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The extension, compiled against JUnit 5.10, run on the oldest JUnit it supports and on the last 5.x in child JVMs
 * (the build copies their jars, see the pom): a leak fails, a clean test passes, and the report goes out as a report
 * entry on 5.10 (no {@code publishFile} yet) and as a published file on 5.14. The tests of this module run on the
 * parent's JUnit 6 themselves. And on a JVM where the library may not make native calls, the extension is disabled,
 * says so once, and fails nothing.
 */
class JunitVersionsTest {
    private static final String LEAKY = LeakyTests.class.getName() + "#unclosedServerSocket";
    private static final String LEAKY_TOO = LeakyTests.class.getName() + "#unclosedDatagramSocket";
    private static final String CLEAN = WellBehavedTests.class.getName() + "#opensNothing";

    @Test
    void onTheOldestJunitTheReportIsAnEntry(@TempDir Path output) throws IOException, InterruptedException {
        List<String> lines = ChildJvm.run(jars("sockscope.junit.oldest"), true, "-C" + FixtureGuard.PARAMETER + "=true",
                "-Cjunit.platform.reporting.output.dir=" + output, LEAKY, CLEAN);
        assertTrue(lines.contains("RESULT unclosedServerSocket() FAILED"), lines.toString());
        assertTrue(lines.contains("RESULT opensNothing() SUCCESSFUL"), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("MESSAGE unclosedServerSocket() "
                + SocketLeakError.class.getName() + ": sockscope: LeakyTests > unclosedServerSocket() left 1 socket")
                && l.contains("listener left open")), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("ENTRY unclosedServerSocket() sockscope.leaks={\\n  "
                + "\"format\": \"sockscope-junit-leaks/1\"")), lines.toString());
        assertEquals(List.of(), publishedReports(output));
    }

    @Test
    void onTheLastJunitFiveTheReportIsAFile(@TempDir Path output) throws IOException, InterruptedException {
        List<String> lines = ChildJvm.run(jars("sockscope.junit.five"), true, "-C" + FixtureGuard.PARAMETER + "=true",
                "-Cjunit.platform.reporting.output.dir=" + output, LEAKY, CLEAN);
        assertTrue(lines.contains("RESULT unclosedServerSocket() FAILED"), lines.toString());
        assertTrue(lines.contains("RESULT opensNothing() SUCCESSFUL"), lines.toString());
        assertTrue(lines.stream().noneMatch(l -> l.startsWith("ENTRY")), lines.toString());
        List<Path> reports = publishedReports(output);
        assertEquals(1, reports.size(), reports.toString());
        String json = Files.readString(reports.getFirst());
        assertTrue(json.contains("\"method\": \"unclosedServerSocket\"") && json.contains("\"kind\": \"listener\""),
                json);
    }

    @Test
    void withoutNativeAccessTheExtensionIsDisabledSaysSoOnceAndFailsNothing() throws IOException,
            InterruptedException {
        List<String> lines = ChildJvm.run(null, false, "-C" + FixtureGuard.PARAMETER + "=true", LEAKY, LEAKY_TOO);
        assertTrue(lines.contains("RESULT unclosedServerSocket() SUCCESSFUL"), lines.toString());
        assertTrue(lines.contains("RESULT unclosedDatagramSocket() SUCCESSFUL"), lines.toString());
        List<String> entries = lines.stream().filter(l -> l.startsWith("ENTRY")).toList();
        assertEquals(1, entries.size(), lines.toString());
        assertTrue(entries.getFirst().contains(" sockscope.leaks=sockscope socket leak detection is disabled: the "
                + "kernel's socket tables cannot be read: native access is not enabled"), entries.getFirst());
    }

    @Test
    void theSocketPairTheJdkKeepsIsNotTheLeakOfTheFirstTestToUseASocket() throws IOException, InterruptedException {
        // A fresh JVM where the fixture's sockets are the first: the JDK opens its pre-close pair with them.
        List<String> lines = ChildJvm.run(null, true, "-C" + FixtureGuard.PARAMETER + "=true",
                WellBehavedTests.class.getName() + "#closesWithTryWithResourcesAndLeavesTimeWait");
        assertEquals(List.of("RESULT closesWithTryWithResourcesAndLeavesTimeWait() SUCCESSFUL"),
                lines.stream().filter(l -> l.startsWith("RESULT") || l.startsWith("MESSAGE")).toList(),
                lines.toString());
    }

    private static Path jars(String property) {
        Path dir = Path.of(System.getProperty(property, "unset: run the tests with Maven, which copies the jars"));
        assertTrue(Files.isDirectory(dir), dir + " is not a directory: run the tests with Maven, which copies them");
        return dir;
    }

    private static List<Path> publishedReports(Path output) throws IOException {
        try (Stream<Path> files = Files.walk(output)) {
            return files.filter(p -> p.getFileName().toString().equals(ReportPublisher.FILE_NAME)).toList();
        }
    }
}
