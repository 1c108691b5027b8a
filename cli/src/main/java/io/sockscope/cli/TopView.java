package io.sockscope.cli;

/** The two tables {@code top} shows, one at a time on a screen, one after the other in the plain fallback. */
enum TopView {
    /** A row per process holding a socket. */
    PROCESSES("processes"),
    /** A row per listening port. */
    PORTS("listening ports");

    private final String title;

    TopView(String title) {
        this.title = title;
    }

    /** What the title line calls it. */
    String title() {
        return title;
    }

    /** The other view (Tab). */
    TopView other() {
        return this == PROCESSES ? PORTS : PROCESSES;
    }
}
