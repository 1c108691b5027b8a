package io.sockscope.live;

import java.util.List;

/**
 * What one refresh of {@code top} saw, aggregated ({@link TopModel}): rows in the order the dump first showed
 * them; sorting is the screen's business.
 *
 * @param atMillis  when the dump was read
 * @param sockets   the sockets in the dump
 * @param unowned   those no process was found holding (time-wait entries, other users' processes to a
 *                  non-root reader)
 * @param processes one row per process holding a socket
 * @param ports     one row per listening port
 */
public record TopSnapshot(long atMillis, int sockets, int unowned, List<ProcessRow> processes,
                          List<PortRow> ports) {
    public TopSnapshot {
        processes = List.copyOf(processes);
        ports = List.copyOf(ports);
    }
}
