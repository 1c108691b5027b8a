package io.sockscope.cli;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TextStyleTest {
    private static final Map<String, String> UTF8 = Map.of("LANG", "en_US.UTF-8");

    @Test
    void aTerminalWrapsAndColours() {
        assertEquals(new TextStyle(120, true, false), TextStyle.detect(UTF8, 120));
    }

    @Test
    void aPipeGetsTheTextAsWritten() {
        assertEquals(new TextStyle(-1, false, false), TextStyle.detect(UTF8, -1));
    }

    @Test
    void noColorAndDumbTerminalsTurnColourOff() {
        assertFalse(TextStyle.detect(Map.of("LANG", "C.UTF-8", "NO_COLOR", "1"), 80).colour());
        assertFalse(TextStyle.detect(Map.of("LANG", "C.UTF-8", "TERM", "dumb"), 80).colour());
        // no-color.org: an empty NO_COLOR does not count.
        assertTrue(TextStyle.detect(Map.of("LANG", "C.UTF-8", "NO_COLOR", ""), 80).colour());
        assertEquals(80, TextStyle.detect(Map.of("NO_COLOR", "1"), 80).width(), "still wrapped");
    }

    @Test
    void withoutAUtf8LocalePunctuationIsAscii() {
        assertTrue(TextStyle.detect(Map.of(), 80).ascii(), "no locale at all is C");
        assertTrue(TextStyle.detect(Map.of("LC_ALL", "C", "LANG", "en_US.UTF-8"), -1).ascii(), "LC_ALL decides first");
        assertTrue(TextStyle.detect(Map.of("LANG", "POSIX"), -1).ascii());
        assertFalse(TextStyle.detect(Map.of("LC_CTYPE", "de_DE.utf8", "LANG", "C"), -1).ascii());
        assertFalse(TextStyle.detect(Map.of("LC_ALL", "", "LANG", "C.UTF-8"), -1).ascii(), "an empty LC_ALL is unset");
        assertTrue(TextStyle.detect(Map.of("LANG", "en_US.ISO-8859-1"), -1).ascii());
    }
}
