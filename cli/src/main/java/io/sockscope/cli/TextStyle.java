package io.sockscope.cli;

import java.util.Locale;
import java.util.Map;

/**
 * How the doctor's text is laid out for where it goes. On a terminal: wrapped at word boundaries to its width,
 * and coloured unless {@code NO_COLOR} is set (to anything but the empty string, as no-color.org asks) or
 * {@code TERM} is {@code dumb}. Piped or redirected: one line per sentence, however long, and no colour, so
 * that grep and scripts see what they always saw. Either way, without a UTF-8 locale ({@code LC_ALL},
 * else {@code LC_CTYPE}, else {@code LANG}; none set is the C locale) punctuation is printed as ASCII.
 *
 * @param width  the column to wrap at, or -1 not to wrap
 * @param colour whether to colour the verdict and the severities
 * @param ascii  whether to print punctuation as ASCII ({@link AsciiPunctuation})
 */
record TextStyle(int width, boolean colour, boolean ascii) {
    /** As written: no wrapping, no colour, punctuation as it is. */
    static final TextStyle PLAIN = new TextStyle(-1, false, false);

    /**
     * @param environment   the process environment
     * @param terminalWidth the width of the terminal on stdout, or -1 when stdout is not a terminal
     */
    static TextStyle detect(Map<String, String> environment, int terminalWidth) {
        boolean terminal = terminalWidth > 0;
        String noColor = environment.get("NO_COLOR");
        boolean colour = terminal && (noColor == null || noColor.isEmpty())
                && !"dumb".equals(environment.get("TERM"));
        return new TextStyle(terminal ? terminalWidth : -1, colour, !utf8(environment));
    }

    /** Whether the locale's character set is UTF-8, by the variable POSIX says decides it. */
    static boolean utf8(Map<String, String> environment) {
        for (String name : new String[] {"LC_ALL", "LC_CTYPE", "LANG"}) {
            String value = environment.get(name);
            if (value != null && !value.isEmpty()) {
                String v = value.toUpperCase(Locale.ROOT);
                return v.contains("UTF-8") || v.contains("UTF8");
            }
        }
        return false;
    }
}
