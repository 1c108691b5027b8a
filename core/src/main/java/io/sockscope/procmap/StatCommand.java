package io.sockscope.procmap;

import io.sockscope.model.ProcessName;

/**
 * Extracts the command name from the contents of a {@code /proc/<id>/stat} file the way ss does with
 * {@code "%*d (%[^)]"}: a number, optional white space, "(", then every byte up to the first ")". A file of
 * another shape yields the empty name, which ss prints as {@code ""}.
 */
final class StatCommand {
    private StatCommand() {
    }

    /** The name found in {@code stat[0..length)}, as bytes, or the empty name when there is none. */
    static ProcessName parse(byte[] stat, int length) {
        int i = ScanfNumbers.skipSpace(stat, 0, length);
        if (i < length && (stat[i] == '-' || stat[i] == '+')) {
            i++;
        }
        int digits = i;
        while (i < length && stat[i] >= '0' && stat[i] <= '9') {
            i++;
        }
        if (i == digits) {
            return ProcessName.EMPTY;
        }
        i = ScanfNumbers.skipSpace(stat, i, length);
        if (i >= length || stat[i] != '(') {
            return ProcessName.EMPTY;
        }
        return name(stat, i + 1, length);
    }

    /**
     * The command name that starts at {@code start}: the bytes before the first ")" or NUL, or before
     * {@code end}, unchanged, as ss's {@code %[^)]} copies them into a C string (they need not be UTF-8). A
     * task's own {@code comm} field read from the kernel is cut the same way, so both sources give ss's name.
     */
    static ProcessName name(byte[] bytes, int start, int end) {
        int i = start;
        while (i < end && bytes[i] != ')' && bytes[i] != 0) {
            i++;
        }
        return ProcessName.of(bytes, start, i);
    }
}
