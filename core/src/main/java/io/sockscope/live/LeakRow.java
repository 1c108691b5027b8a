package io.sockscope.live;

import io.sockscope.model.SocketRecord;

/**
 * A socket shown as evidence of a leak.
 *
 * @param socket        the socket as the last dump saw it
 * @param age           its age
 * @param inStateMillis how long it has been in its present state (from its first sighting for one that was there
 *                      when watching began: a lower bound then)
 */
public record LeakRow(SocketRecord socket, Age age, long inStateMillis) {
}
