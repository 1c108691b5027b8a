package io.sockscope.procmap;

import java.util.Arrays;

/** A growable list of {@code int}s: directory listings of pids, tids and fds without boxing. */
final class IntList {
    private int[] values;
    private int size;

    IntList(int initialCapacity) {
        values = new int[Math.max(4, initialCapacity)];
    }

    void add(int value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = value;
    }

    int get(int index) {
        return values[index];
    }

    int size() {
        return size;
    }

    /** The live backing array; only the first {@link #size()} values are meaningful. */
    int[] array() {
        return values;
    }
}
