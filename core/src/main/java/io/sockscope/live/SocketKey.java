package io.sockscope.live;

import io.sockscope.model.InetSocket;
import io.sockscope.model.PacketSocket;
import io.sockscope.model.SocketRecord;
import io.sockscope.model.SocketTable;

/**
 * What names one socket from dump to dump: its table and the kernel's cookie where the table reports one (inet
 * and packet sockets over netlink), else its inode (unix and netlink sockets, whose inode is theirs while they
 * live). A socket with neither (0 from {@code /proc}) cannot be followed and has no key.
 *
 * @param table    the socket's table
 * @param id       its cookie or inode
 * @param byCookie whether {@code id} is a cookie
 */
public record SocketKey(SocketTable table, long id, boolean byCookie) {
    /** The key of {@code socket}, or null when it has neither cookie nor inode. */
    public static SocketKey of(SocketRecord socket) {
        long cookie = switch (socket) {
            case InetSocket s -> s.cookie();
            case PacketSocket s -> s.cookie();
            default -> 0;
        };
        if (cookie != 0) {
            return new SocketKey(socket.table(), cookie, true);
        }
        return socket.inode() != 0 ? new SocketKey(socket.table(), socket.inode(), false) : null;
    }
}
