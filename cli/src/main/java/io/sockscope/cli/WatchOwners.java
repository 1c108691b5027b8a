package io.sockscope.cli;

import io.sockscope.live.SocketEvent;
import io.sockscope.live.SocketKey;
import io.sockscope.model.Owner;
import io.sockscope.query.OwnerJoin;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Who holds the socket of a watch event: the owner scan of the dump that noticed it. A socket that closes is
 * no longer in any scan, so the owner found when it opened or changed state is kept until then; only live
 * sockets' owners are kept.
 */
final class WatchOwners {
    private final OwnerJoin join;
    private final Map<SocketKey, Owner> remembered = new HashMap<>();

    WatchOwners(OwnerJoin join) {
        this.join = join;
    }

    /** The first process holding the event's socket, or null when none is known. */
    Owner of(SocketEvent event) {
        // By cookie: a socket the kernel has destroyed reports inode 0.
        SocketKey key = SocketKey.of(event.socket());
        long inode = event.socket().inode();
        if (event instanceof SocketEvent.Closed) {
            Owner kept = key == null ? null : remembered.remove(key);
            return kept != null ? kept : lookUp(inode);
        }
        Owner found = lookUp(inode);
        if (found != null && key != null) {
            remembered.put(key, found);
        }
        return found;
    }

    private Owner lookUp(long inode) {
        if (inode == 0) {
            return null;
        }
        List<Owner> owners = join.owners(inode);
        return owners.isEmpty() ? null : owners.getFirst();
    }
}
