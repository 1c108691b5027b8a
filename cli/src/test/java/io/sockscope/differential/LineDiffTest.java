package io.sockscope.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LineDiffTest {

    @Test
    void equalTextsHaveNoDifference() {
        assertEquals("no difference\n", LineDiff.render("a", "x\ny\n", "b", "x\ny\n"));
    }

    @Test
    void paddingDifferenceIsPointedAtWithVisibleBlanks() {
        String diff = LineDiff.render("ss -tan", "State  Recv-Q\nLISTEN 0\n", "sockscope -tan", "State  Recv-Q\nLISTEN  0\n");
        assertTrue(diff.startsWith("--- ss -tan\n+++ sockscope -tan\n"), diff);
        assertTrue(diff.contains("first difference at line 2, column 8"), diff);
        assertTrue(diff.contains("  -LISTEN·0¶\n  +LISTEN··0¶\n          ^\n"), diff);
        assertTrue(diff.contains("@@ -1,2 +1,2 @@\n State  Recv-Q\n-LISTEN 0¶\n+LISTEN  0¶\n"), diff);
    }

    @Test
    void trailingBlanksTabsAndControlCharactersShow() {
        assertEquals("a·→b\\x1b·¶", LineDiff.visible("a \tb\u001b "));
        assertEquals("a →b\\x1b ¶", LineDiff.marked("a \tb\u001b "));
    }

    @Test
    void missingAndExtraLinesAreHunksWithContext() {
        String old = numbered(1, 20);
        String now = old.replace("line 10\n", "").replace("line 15\n", "line 15\nextra\n");
        String diff = LineDiff.render("old", old, "new", now);
        assertTrue(diff.contains("first difference at line 10"), diff);
        assertTrue(diff.contains("@@ -7,12 +7,12 @@\n line 7\n line 8\n line 9\n-line 10¶\n line 11\n"), diff);
        assertTrue(diff.contains(" line 15\n+extra¶\n line 16\n line 17\n line 18\n"), diff);
        assertTrue(!diff.contains(" line 19"), "only three lines of context after the last change:\n" + diff);
    }

    @Test
    void farApartChangesMakeSeparateHunks() {
        String old = numbered(1, 40);
        String now = old.replace("line 5\n", "five\n").replace("line 35\n", "thirty-five\n");
        String diff = LineDiff.render("old", old, "new", now);
        assertEquals(2, diff.lines().filter(l -> l.startsWith("@@ ")).count(), diff);
        assertTrue(diff.contains("@@ -2,7 +2,7 @@"), diff);
        assertTrue(diff.contains("@@ -32,7 +32,7 @@"), diff);
    }

    @Test
    void missingFinalNewlineIsReported() {
        String diff = LineDiff.render("ss", "a\nb\n", "sockscope", "a\nb");
        assertTrue(diff.contains("only the final newline differs"), diff);
        assertTrue(diff.contains("\\ sockscope: no newline at end of output"), diff);
    }

    @Test
    void emptyActualOutputShowsEverythingAsRemoved() {
        String diff = LineDiff.render("ss", "a\nb\n", "sockscope", "");
        assertTrue(diff.contains("first difference at line 1: only the expected output has it"), diff);
        assertTrue(diff.contains("@@ -1,2 +0,0 @@\n-a¶\n-b¶\n"), diff);
    }

    private static String numbered(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(i -> "line " + i + "\n").collect(Collectors.joining());
    }
}
