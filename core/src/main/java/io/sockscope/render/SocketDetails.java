package io.sockscope.render;

import io.sockscope.model.InetSocket;

import java.nio.charset.StandardCharsets;

/**
 * ss's {@code -e} basics ({@code sock_details_print}): {@code uid:U} (when not root), {@code ino:I},
 * {@code sk:COOKIE}, {@code fwmark:0xM} (when set) and {@code cgroup:PATH} (when known), and the shutdown
 * marker {@code <->} whose arrows go as each direction shuts down ({@code -->}, {@code <--}, {@code ---}).
 */
final class SocketDetails {
    private SocketDetails() {
    }

    static void inet(SsTable table, InetSocket s, NameLookups names) {
        common(table, s.uid(), s.inode(), s.cookie(), s.mark(), s.cgroupId(), names);
    }

    /**
     * @param uid      the owner, an unsigned 32-bit value
     * @param inode    the inode, an unsigned 32-bit value
     * @param cookie   the socket cookie (or, from /proc, the kernel address), printed in hex
     * @param mark     the firewall mark, an unsigned 32-bit value
     * @param cgroupId the cgroup id, 0 for none
     */
    static void common(SsTable table, int uid, long inode, long cookie, int mark, long cgroupId,
                       NameLookups names) {
        if (uid != 0) {
            table.text(" uid:");
            table.unsigned(Integer.toUnsignedLong(uid));
        }
        table.text(" ino:");
        table.unsigned(inode & 0xffffffffL);
        table.text(" sk:");
        table.hex(cookie);
        if (mark != 0) {
            table.text(" fwmark:0x");
            table.hex(Integer.toUnsignedLong(mark));
        }
        if (cgroupId != 0) {
            table.text(" cgroup:");
            // One char per byte of the path (see CgroupPaths); a delegated subtree's owner names its directories.
            table.name(names.cgroups().apply(cgroupId).getBytes(StandardCharsets.ISO_8859_1));
        }
    }

    /** The shutdown marker of a {@code SHUTDOWN} mask (bit 0: no more receiving, bit 1: no more sending). */
    static void shutdown(SsTable table, int mask) {
        table.character(' ');
        table.character((mask & 1) != 0 ? '-' : '<');
        table.character('-');
        table.character((mask & 2) != 0 ? '-' : '>');
    }
}
