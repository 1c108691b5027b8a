package io.sockscope.model;

import java.util.List;

/**
 * What the attributes of a packet socket's sock_diag reply say beyond the basics, decoded once by the codec
 * ({@code -e}, {@code -b}, {@code -m}); each value is null when the reply did not carry it.
 *
 * @param info    {@code PACKET_DIAG_INFO}
 * @param rxRing  {@code PACKET_DIAG_RX_RING}
 * @param txRing  {@code PACKET_DIAG_TX_RING}
 * @param fanout  {@code PACKET_DIAG_FANOUT}
 * @param filter  {@code PACKET_DIAG_FILTER}: the attached classic BPF program, as many whole instructions as came
 * @param memory  {@code PACKET_DIAG_MEMINFO}
 */
public record PacketDetails(
        PacketInfo info,
        PacketRing rxRing,
        PacketRing txRing,
        PacketFanout fanout,
        List<BpfInstruction> filter,
        SocketMemory memory) {
}
