package io.sockscope.filter;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code -F FILE}: how ss reads filter files line by line after the command-line words. */
class FilterFileTest {
    private static ParseContext context() throws Exception {
        return ParseContext.defaults(ParserTableTest.environment());
    }

    private static String tree(List<String> words, String file) throws Exception {
        return Filters.parse(words, file, context()).expression().map(Filters::describe).orElse("none");
    }

    private static FilterSyntaxException refused(List<String> words, String file) {
        return assertThrows(FilterSyntaxException.class, () -> Filters.parse(words, file, context()));
    }

    @Test
    void wordsComeFirstThenTheFileLineByLine() throws Exception {
        assertEquals("(or (or (src *:1) (src *:2)) (src *:3))",
                tree(List.of("sport = :1 or"), "sport = :2\nor\n\tsport\t=\t:3\n"));
        assertEquals("(src *:22)", tree(List.of(), "# sport = :1\n0 this line is skipped too\n\nsport = :22"));
        assertEquals("(src *:22)", tree(List.of(), "sport = :22\n"));
        assertEquals("none", tree(List.of(), ""));
        assertEquals("none", tree(List.of(), "# nothing\n"));
    }

    @Test
    void aNulByteEndsTheLineAndANulAtItsStartIsRefused() throws Exception {
        assertEquals("(src *:22)", tree(List.of(), "sport = :22\u0000 or garbage (\n"));
        FilterSyntaxException e = refused(List.of(), "autobound\n\u0000x\n");
        assertEquals("Invalid line\n", e.ssStderr());
        assertEquals(255, SsExitStatus.of(e));
        assertEquals(2, e.line());
        assertEquals(1, e.column());
    }

    @Test
    void aLineFillingSsBufferIsRefused() throws Exception {
        String fits = "autobound" + " ".repeat(1012);
        assertEquals(1021, fits.length());
        assertEquals("autobound", tree(List.of(), fits + "\n"));
        assertEquals("autobound", tree(List.of(), fits + " "), "1022 bytes without a newline still fit");
        FilterSyntaxException e = refused(List.of(), fits + " \n");
        assertEquals("Too long line in filter\n", e.ssStderr());
        assertEquals(255, SsExitStatus.of(e));
        refused(List.of(), fits + "  ");
        String utf8 = "autobound" + " ".repeat(1011) + "é"; // 1021 characters, 1022 bytes
        assertEquals(1021, utf8.length());
        refused(List.of(), utf8 + "\n");
    }

    @Test
    void linesAreReadOnlyWhenTheGrammarNeedsThem() throws Exception {
        FilterSyntaxException syntax = refused(List.of(")"), "\u0000 never read\n");
        assertTrue(syntax.ssStderr().contains("syntax error"));
        assertEquals(1, syntax.line());
    }

    @Test
    void carriageReturnsStayInTokens() {
        FilterSyntaxException e = refused(List.of(), "sport = :22\r\n");
        assertEquals("Error: \"22\r\" does not look like a port.\nCannot parse dst/src address.\n", e.ssStderr());
        assertEquals(9, e.column());
    }

    @Test
    void positionsPointIntoTheJoinedSource() {
        FilterSyntaxException e = refused(List.of("sport", "= :1"), "or\n\n  dst 10.0.0.1 )\n");
        assertEquals("sport = :1\nor\n\n  dst 10.0.0.1 )\n", e.source());
        assertEquals(4, e.line());
        assertEquals(16, e.column());
        assertTrue(e.getMessage().endsWith("at line 4, column 16"), e.getMessage());
        FilterSyntaxException words = refused(List.of("dport", "=", ":foo"), null);
        assertEquals(9, words.column());
        assertEquals("dport = :foo", words.source());
        assertTrue(words.getMessage().endsWith("at column 9"), words.getMessage());
    }
}
