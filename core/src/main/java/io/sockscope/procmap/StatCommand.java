package io.sockscope.procmap;

import java.nio.charset.StandardCharsets;

/**
 * Extracts the command name from the contents of a {@code /proc/<id>/stat} file the way ss does with
 * {@code "%*d (%[^)]"}: a number, optional white space, "(", then every byte up to the first ")". A file of
 * another shape yields the empty name, which ss prints as {@code ""}.
 */
final class StatCommand {
    private StatCommand() {
    }

    /** The name found in {@code stat[0..length)}, decoded as UTF-8, or "" when there is none. */
    static String parse(byte[] stat, int length) {
        int i = ScanfNumbers.skipSpace(stat, 0, length);
        if (i < length && (stat[i] == '-' || stat[i] == '+')) {
            i++;
        }
        int digits = i;
        while (i < length && stat[i] >= '0' && stat[i] <= '9') {
            i++;
        }
        if (i == digits) {
            return "";
        }
        i = ScanfNumbers.skipSpace(stat, i, length);
        if (i >= length || stat[i] != '(') {
            return "";
        }
        int start = ++i;
        // The name ends at ")" or at the end of the file; a NUL ends it too, as the C string it is copied to.
        while (i < length && stat[i] != ')' && stat[i] != 0) {
            i++;
        }
        if (i == start) {
            return "";
        }
        return new String(stat, start, i - start, StandardCharsets.UTF_8);
    }
}
