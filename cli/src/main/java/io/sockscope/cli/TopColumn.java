package io.sockscope.cli;

import java.util.Comparator;
import java.util.function.Function;

/**
 * One column of a {@code top} table: its header, a row's cell, and the order rows take when sorted by it.
 *
 * @param header   the header text
 * @param numeric  right-aligned, and sorted largest first; text is left-aligned and sorted A to Z
 * @param flexible the one column that gives up width when the table is wider than the screen (the command)
 * @param cell     a row's text in this column, safe to print
 * @param order    the column's natural order (largest first for numbers)
 * @param <R>      the row type
 */
record TopColumn<R>(String header, boolean numeric, boolean flexible, Function<R, String> cell, Comparator<R> order) {
    /** A number column, sorted largest first. */
    static <R> TopColumn<R> number(String header, Function<R, String> cell, Comparator<R> ascending) {
        return new TopColumn<>(header, true, false, cell, ascending.reversed());
    }

    /** A text column, sorted A to Z. */
    static <R> TopColumn<R> text(String header, Function<R, String> cell) {
        return new TopColumn<>(header, false, false, cell, Comparator.comparing(cell));
    }

    /** The text column that shrinks to fit the screen. */
    static <R> TopColumn<R> flexibleText(String header, Function<R, String> cell) {
        return new TopColumn<>(header, false, true, cell, Comparator.comparing(cell));
    }
}
