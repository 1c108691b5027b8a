package io.sockscope.cli;

import io.sockscope.render.ControlEscapes;
import io.sockscope.live.ProcessRow;
import io.sockscope.live.StateCounts;
import io.sockscope.model.ProcessLimits;
import io.sockscope.model.ProcessName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link TopLayout} over {@link TopTables}: sorting, alignment, fitting a width, escaped names. */
class TopLayoutTest {
    private static ProcessRow process(int pid, String name, long fds) {
        return new ProcessRow(pid, ProcessName.ofText(name), StateCounts.NONE, Double.NaN,
                new ProcessLimits(pid, fds, 1024, 4096));
    }

    private static final List<ProcessRow> ROWS = List.of(process(30, "nginx", 10),
            process(7, "a-very-long-name-x", 900), process(12, "sshd", 5));

    @Test
    void rowsSortByTheChosenColumnLargestFirstForNumbers() {
        int fds = TopTables.PROCESSES.stream().map(TopColumn::header).toList().indexOf("FDS");
        List<String> lines = TopLayout.lines(TopTables.PROCESSES, ROWS, fds, false, 0);
        assertTrue(lines.get(0).startsWith("PID  COMMAND"), lines.get(0));
        assertEquals(List.of("7", "30", "12"), lines.subList(1, 4).stream().map(l -> l.trim().split(" +")[0]).toList());
        List<String> reversed = TopLayout.lines(TopTables.PROCESSES, ROWS, fds, true, 0);
        assertEquals(List.of("12", "30", "7"), reversed.subList(1, 4).stream().map(l -> l.trim().split(" +")[0])
                .toList());
    }

    @Test
    void numbersAreRightAlignedUnderTheirHeader() {
        List<String> lines = TopLayout.lines(TopTables.PROCESSES, ROWS, 0, false, 0);
        int end = lines.get(0).indexOf("FD-LIMIT") + "FD-LIMIT".length();
        lines.subList(1, lines.size()).forEach(l -> assertEquals("1024", l.substring(end - 4, end), l));
        assertTrue(lines.get(1).startsWith(" 30  nginx  "), "the largest pid first: " + lines.get(1));
    }

    @Test
    void aNarrowScreenShrinksTheCommandThenCutsLines() {
        int natural = TopLayout.lines(TopTables.PROCESSES, ROWS, 0, false, 0).get(0).length();
        List<String> shrunk = TopLayout.lines(TopTables.PROCESSES, ROWS, 0, false, natural - 5);
        shrunk.forEach(l -> assertTrue(l.length() <= natural - 5, l));
        assertTrue(shrunk.get(0).endsWith("FD%"), "shrinking the command kept every column: " + shrunk.get(0));
        assertTrue(shrunk.stream().anyMatch(l -> l.contains("a-very-long-n")));
        List<String> cut = TopLayout.lines(TopTables.PROCESSES, ROWS, 0, false, 40);
        cut.forEach(l -> assertTrue(l.length() <= 40, l));
    }

    @Test
    void aProcessNameCannotSendControlSequencesToTheScreen() {
        List<ProcessRow> rows = List.of(process(1, "evil\u001b[2J\u009b1m\\", 1));
        String line = TopLayout.lines(TopTables.PROCESSES, rows, 0, false, 0).get(1);
        assertTrue(line.contains("evil\\033[2J\\302\\2331m\\\\"), line);
        line.chars().forEach(c -> assertTrue(c >= 0x20 && c != 0x7f, "control character " + c + " in " + line));
    }

    @Test
    void bytesThatAreNotUtf8AreEscapedAsTheListingEscapesThem() {
        ProcessName raw = ProcessName.of(new byte[] {'a', (byte) 0xff, 'b'}, 0, 3);
        assertEquals("a\\377b", ControlEscapes.text(raw.bytes()));
        assertEquals("na\u00efve", ControlEscapes.text(ProcessName.ofText("na\u00efve").bytes()),
                "valid UTF-8 is kept");
    }
}
