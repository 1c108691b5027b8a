package io.sockscope.diagnose;

import io.sockscope.model.Owner;
import io.sockscope.model.SocketRecord;

import java.util.List;

/**
 * A socket the doctor looked at, with the processes holding it (empty when unknown).
 *
 * @param socket the socket as the kernel listed it
 * @param owners its owners, in ss's order
 */
public record SocketSighting(SocketRecord socket, List<Owner> owners) {
    public SocketSighting {
        owners = List.copyOf(owners);
    }
}
