package io.sockscope.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class AsciiPunctuationTest {
    @Test
    void punctuationBecomesAscii() {
        assertEquals("tcp port 5432: PROBLEM - postgres (pids 1, 2, ...) 127.0.0.1 -> 127.0.0.1:80 \"x\" 'y'",
                AsciiPunctuation.of("tcp port 5432: PROBLEM — postgres (pids 1, 2, …) 127.0.0.1 → 127.0.0.1:80 “x” ‘y’"));
        // Other dashes and quotes by their category; a no-break space is a space.
        assertEquals("a-b-c \"d\" e f", AsciiPunctuation.of("a‐b‒c „d‟ e\u00a0f"));
    }

    @Test
    void lettersAndAsciiAreLeftAlone() {
        String ascii = "nothing to change here";
        assertSame(ascii, AsciiPunctuation.of(ascii));
        // A process or file name is data: shown as it is.
        assertEquals("üml (pid 7) - /srv/café/😀.sock", AsciiPunctuation.of("üml (pid 7) — /srv/café/😀.sock"));
    }
}
