package io.sockscope.cli;

/**
 * How a listing shows the control bytes of names that users choose (process names, unix socket paths, cgroup
 * and interface names). ss prints them as they are, so a name can move the cursor, recolour the screen or
 * start a line that reads like another socket's; sockscope follows {@code ls} instead: escaped on a
 * terminal, ss's bytes everywhere else.
 */
enum ControlChars {
    /** Escaped when stdout is a terminal, as they are otherwise (the default). */
    AUTOMATIC,
    /** As they are, also on a terminal ({@code --show-control-chars}, as ls's option of that name). */
    SHOW,
    /** Escaped, also when stdout is not a terminal ({@code --escape-control-chars}). */
    ESCAPE;

    /** Whether to escape them, given whether stdout is a terminal. */
    boolean escape(boolean stdoutIsTerminal) {
        // Comparisons rather than a switch, whose map is one more class for every listing's JVM to load.
        return this == ESCAPE || this == AUTOMATIC && stdoutIsTerminal;
    }
}
