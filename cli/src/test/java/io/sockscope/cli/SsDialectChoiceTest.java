package io.sockscope.cli;

import io.sockscope.render.SsDialect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dialect is chosen by the option, else the variable, else the ss on PATH (its answer to -V remembered per
 * binary), else the newest; a version names the closest dialect.
 */
class SsDialectChoiceTest {
    @Test
    void theOptionIsFoundUnderAnyAbbreviationBeforeDoubleDash() {
        assertEquals("7.1", SsDialectChoice.namedOnCommandLine(new String[] {"-tln", "--ss-dialect=7.1"}));
        assertEquals("6.1", SsDialectChoice.namedOnCommandLine(new String[] {"--ss", "6.1", "-t"}));
        assertEquals("6.1", SsDialectChoice.namedOnCommandLine(new String[] {"--ss-d=7.1", "--ss-dialect", "6.1"}));
        assertNull(SsDialectChoice.namedOnCommandLine(new String[] {"-t", "--", "--ss-dialect=7.1"}));
        assertNull(SsDialectChoice.namedOnCommandLine(new String[] {"--ssx=7.1", "--summary"}));
        assertNull(SsDialectChoice.namedOnCommandLine(new String[] {"--ss-dialect"}), "left to the parser to refuse");
    }

    @Test
    void theOptionWinsOverTheVariableWhichWinsOverTheInstalledSs(@TempDir Path dir) throws Exception {
        InstalledSs none = new InstalledSs(Map.of("PATH", dir.toString()));
        DialectChoice named = SsDialectChoice.choose(new String[] {"--ss-dialect=6.1"},
                Map.of(SsDialectChoice.VARIABLE, "7.1"), none);
        assertEquals(new DialectChoice(SsDialect.V6_1, "--ss-dialect 6.1"), named);
        DialectChoice variable = SsDialectChoice.choose(new String[] {"-t"}, Map.of(SsDialectChoice.VARIABLE, "6.1"),
                none);
        assertEquals(new DialectChoice(SsDialect.V6_1, "SOCKSCOPE_SS_DIALECT=6.1"), variable);
        UsageException wrong = assertThrows(UsageException.class, () -> SsDialectChoice.choose(
                new String[] {"-t"}, Map.of(SsDialectChoice.VARIABLE, "6"), none));
        assertEquals("unknown ss dialect '6' in SOCKSCOPE_SS_DIALECT (6.1 or 7.1)", wrong.getMessage());
        assertEquals(1, wrong.exitCode());
    }

    @Test
    void versionsNameTheClosestDialect() {
        assertEquals(SsDialect.V6_1, InstalledSs.dialectOf("iproute2-6.1.0"));
        assertEquals(SsDialect.V6_1, InstalledSs.dialectOf("iproute2-6.7.0"));
        assertEquals(SsDialect.V7_1, InstalledSs.dialectOf("iproute2-6.8.0"));
        assertEquals(SsDialect.V7_1, InstalledSs.dialectOf("iproute2-6.15.0"));
        assertEquals(SsDialect.V7_1, InstalledSs.dialectOf("iproute2-7.1.0"));
        assertEquals(SsDialect.V7_1, InstalledSs.dialectOf("iproute2-10.0"));
        assertEquals(SsDialect.V6_1, InstalledSs.dialectOf("iproute2-ss200127"), "named by its date: before 5.5");
        assertEquals(SsDialect.V7_1, InstalledSs.dialectOf("something else"), "unreadable: the newest");
        assertEquals(SsDialect.V7_1, InstalledSs.dialectOf("iproute2-99999999999.1"), "not a release");
    }

    @Test
    void theInstalledSsIsAskedOncePerBinary(@TempDir Path dir) throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path ss = bin.resolve("ss");
        Path asked = dir.resolve("asked");
        writeScript(ss, asked, "7.1.0");
        Map<String, String> environment = Map.of("PATH", bin.toString(), "XDG_CACHE_HOME", dir.resolve("cache").toString());
        DialectChoice first = new InstalledSs(environment).dialect();
        assertEquals(SsDialect.V7_1, first.dialect());
        assertEquals("the installed ss: " + ss + ", iproute2-7.1.0", first.reason());
        assertTrue(Files.isRegularFile(dir.resolve("cache/sockscope/ss-version")));
        assertEquals(1, Files.readAllLines(asked).size());

        // The same binary (same size, time and inode): the remembered answer, and ss is not started again.
        DialectChoice again = new InstalledSs(environment).dialect();
        assertEquals(first, again);
        assertEquals(1, Files.readAllLines(asked).size(), "ss was asked again");

        // Another build in its place: asked afresh.
        FileTime before = Files.getLastModifiedTime(ss);
        writeScript(ss, asked, "6.1.0");
        Files.setLastModifiedTime(ss, FileTime.fromMillis(before.toMillis() + 1000));
        assertEquals(SsDialect.V6_1, new InstalledSs(environment).dialect().dialect());
        assertEquals(2, Files.readAllLines(asked).size());
    }

    @Test
    void withoutAnSsTheNewestDialectServes(@TempDir Path dir) {
        InstalledSs none = new InstalledSs(Map.of("PATH", dir.toString()));
        // The usual directories are looked in too: this holds only on a host without ss there.
        if (none.find() == null) {
            assertEquals(new DialectChoice(SsDialect.V7_1, "no ss installed: the newest dialect"), none.dialect());
        } else {
            assertTrue(none.dialect().reason().startsWith("the installed ss: "), none.dialect().reason());
        }
    }

    private static void writeScript(Path ss, Path asked, String version) throws Exception {
        Files.writeString(ss, "#!/bin/sh\necho asked >> '" + asked + "'\necho 'ss utility, iproute2-" + version + "'\n");
        Files.setPosixFilePermissions(ss, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
