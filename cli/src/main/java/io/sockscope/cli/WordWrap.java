package io.sockscope.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Breaks a sentence into lines no wider than a terminal, at spaces only: a word (a path, a command, a rule)
 * is never cut, and one longer than the line stands alone on its line; a dash standing between words stays on
 * the line of the word before it. Continuation lines get a hanging indent.
 * Widths count code points and skip the terminal's colour sequences ({@code ESC [ … m}), which take no room.
 */
final class WordWrap {
    /** An em dash, or its ASCII stand-in. */
    private static final Set<String> DASHES = Set.of("\u2014", "-");

    private WordWrap() {
    }

    /**
     * @param text   the sentence, without its indent
     * @param first  the first line's indent
     * @param next   the indent of the lines after it
     * @param width  the widest a line may be, or not above 0 for no wrapping
     */
    static List<String> wrap(String text, String first, String next, int width) {
        if (width <= 0 || visible(first) + visible(text) <= width) {
            return List.of(first + text);
        }
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder(first);
        int used = visible(first);
        boolean empty = true;
        String[] words = text.split(" ", -1);
        for (int i = 0; i < words.length; i++) {
            String word = words[i];
            // A dash stays with the word before it: a line never starts with "— the reason".
            if (i + 1 < words.length && DASHES.contains(words[i + 1])) {
                word = word + " " + words[++i];
            }
            int w = visible(word);
            if (!empty && used + 1 + w > width) {
                lines.add(line.toString());
                line = new StringBuilder(next);
                used = visible(next);
                empty = true;
            }
            if (!empty) {
                line.append(' ');
                used++;
            }
            line.append(word);
            used += w;
            empty = false;
        }
        lines.add(line.toString());
        return lines;
    }

    /** How many columns the text takes: code points, less colour sequences. */
    static int visible(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); ) {
            char c = s.charAt(i);
            if (c == '\u001b' && i + 1 < s.length() && s.charAt(i + 1) == '[') {
                int end = s.indexOf('m', i + 2);
                if (end > 0) {
                    i = end + 1;
                    continue;
                }
            }
            n++;
            i += Character.charCount(s.codePointAt(i));
        }
        return n;
    }
}
