package io.sockscope.cli;

import java.util.Map;

/**
 * Punctuation the doctor writes outside ASCII ({@code —}, {@code …}, {@code →}, typographic quotes) turned into
 * ASCII, for terminals whose locale is not UTF-8 (the C locale of a cron job, a rescue shell, a serial console),
 * where those bytes show as garbage. Letters are left alone: process names and paths are data, shown as they are.
 */
final class AsciiPunctuation {
    private static final Map<Integer, String> REPLACEMENTS = Map.ofEntries(
            Map.entry(0x2014, "-"),   // em dash
            Map.entry(0x2013, "-"),   // en dash
            Map.entry(0x2026, "..."), // ellipsis
            Map.entry(0x2192, "->"),
            Map.entry(0x2190, "<-"),
            Map.entry(0x2194, "<->"),
            Map.entry(0x2018, "'"),
            Map.entry(0x2019, "'"),
            Map.entry(0x201A, "'"),   // single low-9 quotation mark
            Map.entry(0x201C, "\""),
            Map.entry(0x201D, "\""),
            Map.entry(0x201E, "\""),  // double low-9 quotation mark
            Map.entry(0x2039, "'"),
            Map.entry(0x203A, "'"),
            Map.entry(0x00AB, "\""),
            Map.entry(0x00BB, "\""),
            Map.entry(0x2022, "*"),   // bullet
            Map.entry(0x00D7, "x"),
            Map.entry(0x2264, "<="),
            Map.entry(0x2265, ">="),
            Map.entry(0x00A0, " "));  // no-break space

    private AsciiPunctuation() {
    }

    static String of(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            String replacement = c < 0x80 ? null : replacement(c);
            if (replacement != null && out == null) {
                out = new StringBuilder(text.length() + 8).append(text, 0, i);
            }
            if (out != null) {
                if (replacement != null) {
                    out.append(replacement);
                } else {
                    out.appendCodePoint(c);
                }
            }
            i += Character.charCount(c);
        }
        return out == null ? text : out.toString();
    }

    private static String replacement(int c) {
        String r = REPLACEMENTS.get(c);
        if (r != null) {
            return r;
        }
        // Any other dash, quote or space from the punctuation blocks: its nearest ASCII kin.
        return switch (Character.getType(c)) {
            case Character.DASH_PUNCTUATION -> "-";
            case Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION -> "\"";
            case Character.SPACE_SEPARATOR -> " ";
            default -> null;
        };
    }
}
