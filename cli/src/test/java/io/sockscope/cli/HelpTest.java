package io.sockscope.cli;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code -h} lists every option the command line takes, short and long, as ss's {@code -h} does. */
class HelpTest {
    @Test
    void everyOptionIsListed() {
        List<String> missing = new ArrayList<>();
        for (char c : OptionSpec.EVERY_SHORT.replace(":", "").toCharArray()) {
            // -v is ss's undocumented twin of -V.
            if (c != 'v' && !Help.TEXT.contains("-" + c + ",") && !Help.TEXT.contains("-" + c + " ")) {
                missing.add("-" + c);
            }
        }
        for (OptionSpec.LongOption o : OptionSpec.EVERY_LONG) {
            if (!Help.TEXT.contains("--" + o.name())) {
                missing.add("--" + o.name());
            }
        }
        assertEquals(List.of(), missing, "options missing from -h");
    }

    @Test
    void everyLineFitsAHundredColumnTerminal() {
        Help.TEXT.lines().forEach(line -> assertTrue(line.length() <= 100, line));
    }

    @Test
    void helpIsASubCommand() throws Exception {
        io.sockscope.testing.CommandRun listing = io.sockscope.testing.CommandRun.run(
                io.sockscope.testing.CommandRun.sockscope("help"), java.util.Map.of(), 60);
        assertEquals(0, listing.exitCode(), listing.stderrText());
        assertEquals(Help.TEXT, listing.stdoutText());
        io.sockscope.testing.CommandRun doctor = io.sockscope.testing.CommandRun.run(
                io.sockscope.testing.CommandRun.sockscope("help", "doctor"), java.util.Map.of(), 60);
        assertEquals(0, doctor.exitCode(), doctor.stderrText());
        assertEquals(DoctorHelp.TEXT, doctor.stdoutText());
        io.sockscope.testing.CommandRun unknown = io.sockscope.testing.CommandRun.run(
                io.sockscope.testing.CommandRun.sockscope("help", "nothing"), java.util.Map.of(), 60);
        assertEquals(UsageException.SS_USAGE_EXIT, unknown.exitCode());
        assertEquals("", unknown.stdoutText());
    }
}
