package io.sockscope.live;

import io.sockscope.model.ProcessLimits;
import io.sockscope.model.ProcessName;
import io.sockscope.model.TcpState;

/**
 * One process in {@code top}: the sockets it holds by state, how fast its CLOSE-WAIT sockets grow, and its
 * descriptors against its limit. A socket several processes hold (after a fork) counts for each of them.
 *
 * @param pid                the process
 * @param command            its name, the kernel's bytes (escape it before showing it)
 * @param states             its sockets by state
 * @param closeWaitPerMinute the change of its CLOSE-WAIT count per minute over the last refreshes, NaN before a
 *                           second refresh has seen it
 * @param limits             its descriptors open and RLIMIT_NOFILE, or null when they could not be read (it
 *                           exited, or it is not ours to read)
 */
public record ProcessRow(int pid, ProcessName command, StateCounts states, double closeWaitPerMinute,
                         ProcessLimits limits) {
    /** Every socket of the selection it holds. */
    public int sockets() {
        return states.total();
    }

    /** Its sockets in CLOSE-WAIT. */
    public int closeWait() {
        return states.count(TcpState.CLOSE_WAIT);
    }

    /** Its open descriptors as a share of the soft limit, NaN when either is unknown or there is no limit. */
    public double descriptorFill() {
        if (limits == null || limits.softLimit() <= 0) {
            return Double.NaN;
        }
        return (double) limits.openDescriptors() / limits.softLimit();
    }
}
