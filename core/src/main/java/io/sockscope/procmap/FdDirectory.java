package io.sockscope.procmap;

/**
 * An open {@code <root>/<id>/fd} directory and the descriptor numbers it listed, in readdir order. Links
 * are read relative to it by any session; whoever finishes with it last closes it through its session
 * ({@link ProcSession#closeFdDirectory}), exactly once.
 *
 * <p>A directory can turn out to be forbidden: opened, but its links not ours to read (the process is
 * protected from us, or changed owner after it was listed). The first link that fails that way marks it,
 * and the scan stops reading it, since every other link would fail the same way.
 */
abstract class FdDirectory {
    private final IntList fds;
    private volatile boolean forbidden;

    FdDirectory(IntList fds) {
        this.fds = fds;
    }

    /** Descriptor numbers as listed. */
    final IntList fds() {
        return fds;
    }

    /** Whether reading a link here was refused for want of permission. */
    final boolean isForbidden() {
        return forbidden;
    }

    final void forbid() {
        forbidden = true;
    }
}
