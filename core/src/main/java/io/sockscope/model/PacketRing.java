package io.sockscope.model;

/**
 * {@code struct packet_diag_ring}: the geometry of a memory-mapped packet ring. Every field is held in an
 * {@code int} with its bits unchanged (ss prints them signed).
 *
 * @param blockSize     {@code pdr_block_size}
 * @param blockCount    {@code pdr_block_nr}
 * @param frameSize     {@code pdr_frame_size}
 * @param frameCount    {@code pdr_frame_nr}
 * @param retireTimeout {@code pdr_retire_tmo}
 * @param privateSize   {@code pdr_sizeof_priv}
 * @param features      {@code pdr_features}
 */
public record PacketRing(int blockSize, int blockCount, int frameSize, int frameCount, int retireTimeout,
                         int privateSize, int features) {
}
