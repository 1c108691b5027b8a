package io.sockscope.cli;

import io.sockscope.render.ExtendedOutput;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The output options after the columns, as ss's option loop sets its flags (-e and -b turn timers on too). */
class ExtendedOptionsParserTest {
    private static ExtendedOutput parse(String... args) throws Exception {
        return ListingOptionsParser.parse(CommandLine.parse(args)).extended();
    }

    @Test
    void eachOptionAndWhatItImplies() throws Exception {
        assertEquals(ExtendedOutput.NONE, parse("-tan"));
        assertEquals(new ExtendedOutput(true, false, false, false, false, false, false, false, false), parse("-o"));
        assertEquals(new ExtendedOutput(true, true, false, false, false, false, false, false, false), parse("-e"));
        assertEquals(new ExtendedOutput(true, false, false, false, false, false, false, true, false), parse("-b"));
        assertEquals(new ExtendedOutput(false, false, true, true, false, false, false, false, false), parse("-mi"));
        assertEquals(new ExtendedOutput(false, false, false, false, true, true, false, false, true),
                parse("--tos", "--cgroup", "-O"));
        assertEquals(new ExtendedOutput(true, true, true, true, false, false, false, false, false),
                parse("--extended", "--memory", "--info", "--options"));
        assertEquals(parse("-e"), parse("-e", "-e"), "ss counts -e but prints the same");
        assertEquals(new ExtendedOutput(false, false, false, false, false, false, true, false, true),
                parse("--inet-sockopt", "-O"));
    }

    /** ss prints --tipcinfo's line on TIPC sockets only; sockscope lists none, so there is nothing to change. */
    @Test
    void tipcInfoIsTakenAndChangesNoListing() throws Exception {
        assertEquals(ExtendedOutput.NONE, parse("--tipcinfo"));
        assertEquals(parse("-tane"), parse("-tane", "--tipcinfo"));
    }

    @Test
    void optionsStillRefused() {
        for (String option : new String[] {"-Z", "-z", "--context", "--contexts"}) {
            UsageException e = assertThrows(UsageException.class, () -> parse(option));
            assertEquals(1, e.exitCode(), option);
        }
    }
}
