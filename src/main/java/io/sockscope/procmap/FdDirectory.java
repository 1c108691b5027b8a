package io.sockscope.procmap;

/**
 * An open {@code <root>/<id>/fd} directory and the descriptor numbers it listed, in readdir order. Links
 * are read relative to it by any session; whoever finishes with it last closes it through its session
 * ({@link ProcSession#closeFdDirectory}), exactly once.
 */
abstract class FdDirectory {
    private final IntList fds;

    FdDirectory(IntList fds) {
        this.fds = fds;
    }

    /** Descriptor numbers as listed. */
    final IntList fds() {
        return fds;
    }
}
