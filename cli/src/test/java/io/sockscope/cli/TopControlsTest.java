package io.sockscope.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link TopControls}: what each key of the top screen does, the filter prompt's editing among them. */
class TopControlsTest {
    private final TopControls controls = new TopControls();

    private void type(String keys) {
        keys.chars().forEach(controls::key);
    }

    @Test
    void qQuitsWithZeroAndCtrlCWithTheStatusOfAnInterrupt() {
        assertEquals(new TopControls.Outcome.Quit(0), controls.key('q'));
        assertEquals(new TopControls.Outcome.Quit(130), controls.key(TopKeys.CTRL_C));
    }

    @Test
    void viewsSwitchByLetterAndByTab() {
        assertEquals(TopView.PROCESSES, controls.view());
        assertInstanceOf(TopControls.Outcome.Redraw.class, controls.key('l'));
        assertEquals(TopView.PORTS, controls.view());
        controls.key('p');
        assertEquals(TopView.PROCESSES, controls.view());
        controls.key('\t');
        assertEquals(TopView.PORTS, controls.view());
    }

    @Test
    void sortCyclesThroughTheColumnsAndReverses() {
        int first = controls.sortColumn();
        controls.key('s');
        assertEquals(first + 1, controls.sortColumn());
        assertFalse(controls.reversed());
        controls.key('r');
        assertTrue(controls.reversed());
        controls.key('S');
        assertFalse(controls.reversed());
        for (int i = 0; i < TopTables.PROCESSES.size() - 1; i++) {
            controls.key('s');
        }
        assertEquals(first, controls.sortColumn(), "it wraps around");
        controls.key('l');
        assertEquals(TopTables.defaultSort(TopView.PORTS), controls.sortColumn(), "each view keeps its own sort");
    }

    @Test
    void spacePausesAndResumingRefreshesAtOnce() {
        assertInstanceOf(TopControls.Outcome.Redraw.class, controls.key(' '));
        assertTrue(controls.paused());
        assertInstanceOf(TopControls.Outcome.Refresh.class, controls.key(' '));
        assertFalse(controls.paused());
    }

    @Test
    void slashOpensAPromptWhoseKeysAreTextUntilEnter() {
        controls.key('/');
        type("sport = :80q");
        assertEquals("sport = :80q", controls.prompt(), "q is text in the prompt");
        controls.key(TopKeys.BACKSPACE);
        assertEquals(new TopControls.Outcome.Filter("sport = :80"), controls.key('\r'));
        assertNull(controls.prompt());
        assertEquals(new TopControls.Outcome.Quit(0), controls.key('q'), "keys are keys again");
    }

    @Test
    void escapeLeavesThePromptAndCtrlUClearsIt() {
        controls.key('/');
        type("dport");
        controls.key(TopKeys.CTRL_U);
        assertEquals("", controls.prompt());
        controls.key(TopKeys.ESC);
        assertNull(controls.prompt());
        assertEquals(TopView.PROCESSES, controls.view());
    }

    @Test
    void ctrlCQuitsFromThePromptToo() {
        controls.key('/');
        assertEquals(new TopControls.Outcome.Quit(130), controls.key(TopKeys.CTRL_C));
    }

    @Test
    void controlBytesAreNotTypedIntoThePrompt() {
        controls.key('/');
        controls.key(7);
        controls.key(0x9b);
        assertEquals("", controls.prompt());
    }
}
