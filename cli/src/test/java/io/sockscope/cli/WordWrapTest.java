package io.sockscope.cli;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WordWrapTest {
    @Test
    void breaksAtSpacesWithAHangingIndent() {
        assertEquals(List.of(
                "  fix: Give the program",
                "      CAP_NET_BIND_SERVICE",
                "      (systemd:",
                "      AmbientCapabilities=CAP_NET_BIND_SERVICE;",
                "      a binary: setcap",
                "      cap_net_bind_service=+ep",
                "      /path/to/program)."),
                WordWrap.wrap("fix: Give the program CAP_NET_BIND_SERVICE (systemd: AmbientCapabilities=CAP_NET_BIND_SERVICE;"
                        + " a binary: setcap cap_net_bind_service=+ep /path/to/program).", "  ", "      ", 30));
    }

    @Test
    void aDashStaysWithTheWordBeforeIt() {
        assertEquals(List.of("subject:", "  PROBLEM \u2014 the", "  reason"),
                WordWrap.wrap("subject: PROBLEM \u2014 the reason", "", "  ", 17));
        assertEquals(List.of("subject:", "  PROBLEM - the", "  reason"), WordWrap.wrap("subject: PROBLEM - the reason", "", "  ", 16));
    }

    @Test
    void aShortLineOrNoWidthLeavesTheLineAlone() {
        assertEquals(List.of("  as  it   is "), WordWrap.wrap("as  it   is ", "  ", "    ", 14));
        assertEquals(List.of("x".repeat(500)), WordWrap.wrap("x".repeat(500), "", "  ", -1));
    }

    @Test
    void colourSequencesTakeNoRoom() {
        String red = "\u001b[1;31mPROBLEM\u001b[0m";
        assertEquals(7, WordWrap.visible(red));
        assertEquals(List.of("a: " + red + " b"), WordWrap.wrap("a: " + red + " b", "", "  ", 12));
        assertEquals(List.of("a: " + red, "  b"), WordWrap.wrap("a: " + red + " b", "", "  ", 11));
        assertEquals(3, WordWrap.visible("a—b"));
    }

    @Test
    void noWordIsEverCutAndNoLineIsTooWideUnlessOneWordIs() {
        Random random = new Random(11);
        for (int i = 0; i < 2000; i++) {
            StringBuilder b = new StringBuilder();
            int words = 1 + random.nextInt(40);
            for (int w = 0; w < words; w++) {
                b.append(w == 0 ? "" : " ").append("w".repeat(1 + random.nextInt(random.nextInt(5) == 0 ? 40 : 9)));
            }
            String text = b.toString();
            int width = 10 + random.nextInt(70);
            List<String> lines = WordWrap.wrap(text, "  ", "    ", width);
            assertEquals(text, String.join(" ", lines.stream().map(String::strip).toList()), "words kept in order");
            for (String line : lines) {
                boolean oneWord = !line.strip().contains(" ");
                assertTrue(line.length() <= width || oneWord, width + ": «" + line + "»");
            }
        }
    }
}
