package io.sockscope.kernel;

/**
 * Waiting for the platform threads this library starts (background dumps, scan workers, a thread per network
 * namespace): each must be waited for to its end, since it may hold a descriptor or sit in another namespace,
 * and an interrupt meanwhile is kept for the caller rather than lost or acted on half-way.
 */
public final class Threads {
    private Threads() {
    }

    /** Waits until {@code thread} ends; an interrupt during the wait is set again on the calling thread after. */
    public static void joinUninterruptibly(Thread thread) {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
