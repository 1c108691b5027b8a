package io.sockscope.live;

/**
 * When the leak detectors ({@link LeakDetector}) speak up; each is a flag of {@code watch} and {@code leaks}.
 *
 * @param closeWaitAgeMillis  a socket in CLOSE-WAIT for at least this long, still held by a process, is leaked
 *                            ({@code --close-wait-age}, default 60 s)
 * @param closeWaitRisingLooks a process whose count of lingering CLOSE-WAIT sockets (in CLOSE-WAIT at two dumps in
 *                            a row) rose at each of this many dumps in a row is leaking ({@code --close-wait-rising},
 *                            default 5)
 * @param descriptorPercent   a socket-owning process with at least this share of its soft {@code RLIMIT_NOFILE}
 *                            open is short of descriptors ({@code --fd-percent}, default 80)
 * @param acceptQueuePercent  a listener whose accept queue holds at least this share of its backlog ...
 *                            ({@code --backlog-percent}, default 90)
 * @param acceptQueueLooks    ... at this many dumps in a row is not keeping up ({@code --backlog-reads}, default 3)
 */
public record LeakThresholds(long closeWaitAgeMillis, int closeWaitRisingLooks, int descriptorPercent,
                             int acceptQueuePercent, int acceptQueueLooks) {
    /** The documented defaults. */
    public static final LeakThresholds DEFAULTS = new LeakThresholds(60_000, 5, 80, 90, 3);

    public LeakThresholds {
        if (closeWaitAgeMillis < 1 || closeWaitRisingLooks < 1 || acceptQueueLooks < 1
                || descriptorPercent < 1 || descriptorPercent > 100 || acceptQueuePercent < 1
                || acceptQueuePercent > 100) {
            throw new IllegalArgumentException("thresholds out of range: " + closeWaitAgeMillis + ", "
                    + closeWaitRisingLooks + ", " + descriptorPercent + ", " + acceptQueuePercent + ", "
                    + acceptQueueLooks);
        }
    }
}
