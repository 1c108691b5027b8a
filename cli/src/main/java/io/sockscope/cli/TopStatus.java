package io.sockscope.cli;

/**
 * The problem the {@code top} screen's status line shows, if any: a filter that did not parse, a table that
 * could not be read. Set by the refresh and the screen, both on the screen's thread; volatile all the same, as
 * it is cheap and a failure may one day be told from another thread.
 */
final class TopStatus {
    private volatile String message;

    /** The problem to show, or null for none. */
    String get() {
        return message;
    }

    /** Shows {@code problem} from now on (null: none). */
    void set(String problem) {
        message = problem;
    }
}
