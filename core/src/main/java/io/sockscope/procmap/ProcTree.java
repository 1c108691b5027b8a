package io.sockscope.procmap;

/**
 * Read access to one process tree ({@code $PROC_ROOT}) with the operations the owner scan needs and
 * nothing more. Implementations may be used from several threads at once, each thread through its own
 * {@link ProcSession}. Every operation that meets a vanished or forbidden file reports "nothing there"
 * instead of failing, because processes come and go while the tree is read.
 */
interface ProcTree extends AutoCloseable {

    /** Opens a session for the calling thread; the same thread must close it. */
    ProcSession openSession();

    /** Releases the tree. Sessions must be closed first. */
    @Override
    void close();
}
