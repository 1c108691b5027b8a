package io.sockscope.export;

/**
 * The per-process series of one socket owner ({@code sockscope_process_sockets},
 * {@code sockscope_close_wait_sockets}, {@code sockscope_close_wait_oldest_seconds},
 * {@code sockscope_process_open_fds}, {@code sockscope_process_max_fds}), or of every process past the cap
 * summed ({@link #OTHER}).
 *
 * @param process              the command name ({@code comm}), or {@code other}
 * @param pid                  the process id as text, empty for {@code other}
 * @param sockets              the sockets it holds (one held through several descriptors counts once)
 * @param closeWait            how many of them are in CLOSE-WAIT
 * @param closeWaitOldestSeconds how long the oldest of those has been in CLOSE-WAIT at least; 0 when none
 * @param openDescriptors      its open descriptors, -1 when they could not be read or for {@code other}
 * @param maxDescriptors       its soft {@code RLIMIT_NOFILE}, -1 when unlimited, unreadable, or for {@code other}
 */
public record ProcessSeries(String process, String pid, long sockets, long closeWait, double closeWaitOldestSeconds,
                            long openDescriptors, long maxDescriptors) {
    /** The {@code process} label of the row that sums every process past the cap. */
    public static final String OTHER = "other";

    /** Whether this is the row of the processes past the cap. */
    public boolean isOther() {
        return pid.isEmpty();
    }
}
