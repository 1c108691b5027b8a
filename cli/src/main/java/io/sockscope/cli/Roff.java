package io.sockscope.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Plain text made safe for man(7) roff: a backslash is written {@code \e}, every hyphen {@code \-} (nearly every
 * hyphen in this page is part of something typed: an option, a state name), and a line that would start with a
 * control character ({@code .} or {@code '}) is protected with {@code \&}.
 */
final class Roff {
    /** The longest input line mandoc's lint lets pass without a note. */
    private static final int LINE_BYTES = 80;

    private Roff() {
    }

    /**
     * A paragraph's text as roff input lines: each sentence on a line of its own (roff spaces sentences by where
     * they end), wrapped at blanks to at most 80 bytes. A line that ends with a full stop inside a sentence
     * ({@code 0.5 s.}, {@code e.g.}) gets a {@code \&} so that roff does not take it for a sentence's end.
     */
    static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        for (String sentence : text.split("(?<=[.?!:])\\s+(?=[A-Z])")) {
            StringBuilder line = new StringBuilder();
            for (String word : sentence.trim().split("\\s+")) {
                String escaped = escape(word);
                if (!line.isEmpty() && line.length() + 1 + escaped.length() > LINE_BYTES - 2) {
                    out.add(protect(endInside(line.toString())));
                    line.setLength(0);
                }
                if (!line.isEmpty()) {
                    line.append(' ');
                }
                line.append(escaped);
            }
            out.add(protect(line.toString()));
        }
        return out;
    }

    private static String endInside(String line) {
        return line.matches(".*[.?!][)\"']*") ? line + "\\&" : line;
    }

    private static String protect(String escaped) {
        return escaped.startsWith(".") || escaped.startsWith("'") ? "\\&" + escaped : escaped;
    }

    /** {@code text} as roff text, to go inside a line (not a macro's quoted argument). */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\e");
                case '-' -> out.append("\\-");
                case '\n' -> throw new IllegalArgumentException("one line at a time: " + text);
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** {@code text} escaped, as a whole text line: also protected when it starts with a dot or an apostrophe. */
    static String line(String text) {
        return protect(escape(text));
    }

    /** {@code text} in bold, escaped. */
    static String bold(String text) {
        return "\\fB" + escape(text) + "\\fR";
    }

    /** {@code text} in italics, escaped. */
    static String italic(String text) {
        return "\\fI" + escape(text) + "\\fR";
    }
}
