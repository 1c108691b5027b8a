package io.sockscope.model;

/**
 * {@code struct packet_diag_info} ({@code PACKET_DIAG_INFO}), the settings of a packet socket.
 *
 * @param version       {@code pdi_version}: TPACKET_V1..V3 (ss prints it signed)
 * @param copyThreshold {@code pdi_copy_thresh} (ss prints it signed)
 * @param flags         {@code pdi_flags}: the {@code PDI_*} bits below (unsigned)
 */
public record PacketInfo(int version, int copyThreshold, long flags) {
    public static final int PDI_RUNNING = 0x1;
    public static final int PDI_AUXDATA = 0x2;
    public static final int PDI_ORIGDEV = 0x4;
    public static final int PDI_VNETHDR = 0x8;
    public static final int PDI_LOSS = 0x10;
}
