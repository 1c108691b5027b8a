package io.sockscope.render;

import io.sockscope.model.NetlinkSocket;
import io.sockscope.model.PacketSocket;
import io.sockscope.model.UnixSocket;
import io.sockscope.netlink.AttributeTable;
import io.sockscope.netlink.NetlinkDiagMsg;
import io.sockscope.netlink.PacketDiagInfo;
import io.sockscope.netlink.PacketDiagMsg;
import io.sockscope.netlink.PacketDiagRing;
import io.sockscope.netlink.PacketFanout;
import io.sockscope.netlink.SkMemInfo;
import io.sockscope.netlink.SockFilter;
import io.sockscope.netlink.UnixDiagMsg;
import io.sockscope.netlink.UnixDiagVfs;

import java.lang.foreign.MemorySegment;

/**
 * What ss prints after the addresses of unix, packet and netlink sockets:
 * <ul>
 * <li>unix: memory, then with {@code -e} the shutdown marker, the socket file's {@code ino:I dev:MAJ/MIN}
 *     and a listener's not yet accepted connections ({@code peers: I I}), all inline;</li>
 * <li>packet: with {@code -e} the basics, then version, copy threshold and flags, the rings and the fanout
 *     group, each on an indented line unless {@code -O}; with {@code -b} the filter program; then memory;</li>
 * <li>netlink: with {@code -e} {@code sk=… cb=… groups=0x…}; memory after a tab (sock_diag replies only).</li>
 * </ul>
 * Sockets read from {@code /proc/net} lack the attributes, so only what their line had is printed.
 * Serves one thread.
 */
final class LocalSocketExtensions {
    private static final int MAX_ATTRIBUTE = 8;

    private final SsTable table;
    private final ExtendedOutput output;
    private final NameLookups names;
    private final AttributeTable attributes = new AttributeTable(MAX_ATTRIBUTE);

    LocalSocketExtensions(SsTable table, ExtendedOutput output, NameLookups names) {
        this.table = table;
        this.output = output;
        this.names = names;
    }

    void unix(UnixSocket s) {
        if (output.memory() && s.attributes() != null) {
            attributes.parse(MemorySegment.ofArray(s.attributes()));
            if (attributes.has(UnixDiagMsg.UNIX_DIAG_MEMINFO)) {
                MemoryText.skmem(table, SkMemInfo.decode(attributes.payload(UnixDiagMsg.UNIX_DIAG_MEMINFO)));
            }
        }
        if (!output.details()) {
            return;
        }
        if (s.shutdown() >= 0) {
            SocketDetails.shutdown(table, s.shutdown());
        }
        if (s.vfsInode() >= 0) {
            table.text(" ino:");
            table.unsigned(s.vfsInode());
            table.text(" dev:");
            table.unsigned(UnixDiagVfs.major(s.vfsDevice()));
            table.character('/');
            table.unsigned(UnixDiagVfs.minor(s.vfsDevice()));
        }
        if (s.pendingPeers() != null) {
            table.text(" peers:");
            for (int peer : s.pendingPeers()) {
                table.character(' ');
                table.unsigned(Integer.toUnsignedLong(peer));
            }
        }
    }

    void packet(PacketSocket s) {
        if (output.details()) {
            SocketDetails.common(table, s.uid(), s.inode(), s.cookie(), 0, 0, names);
        }
        if (s.attributes() == null) {
            return;
        }
        attributes.parse(MemorySegment.ofArray(s.attributes()));
        if (output.details()) {
            packetInfo();
            ring(PacketDiagMsg.PACKET_DIAG_RX_RING, "ring_rx(");
            ring(PacketDiagMsg.PACKET_DIAG_TX_RING, "ring_tx(");
            fanout();
        }
        if (output.bpf() && attributes.has(PacketDiagMsg.PACKET_DIAG_FILTER)) {
            filter(attributes.payload(PacketDiagMsg.PACKET_DIAG_FILTER));
        }
        if (output.memory() && attributes.has(PacketDiagMsg.PACKET_DIAG_MEMINFO)) {
            MemoryText.skmem(table, SkMemInfo.decode(attributes.payload(PacketDiagMsg.PACKET_DIAG_MEMINFO)));
        }
    }

    void netlink(NetlinkSocket s) {
        if (output.details()) {
            table.text(" sk=");
            table.hex(s.sk());
            table.text(" cb=");
            table.hex(s.cb());
            table.text(" groups=0x");
            table.hexPadded(s.groups() & 0xffffffffL, 8);
        }
        if (output.memory() && s.attributes() != null) {
            table.character('\t');
            attributes.parse(MemorySegment.ofArray(s.attributes()));
            if (attributes.has(NetlinkDiagMsg.NETLINK_DIAG_MEMINFO)) {
                MemoryText.skmem(table, SkMemInfo.decode(attributes.payload(NetlinkDiagMsg.NETLINK_DIAG_MEMINFO)));
            }
        }
    }

    private void packetInfo() {
        int type = PacketDiagMsg.PACKET_DIAG_INFO;
        if (!attributes.has(type)) {
            return;
        }
        continuation("ver:");
        table.decimal((int) attributes.u32(type, PacketDiagInfo.VERSION));
        table.text(" cpy_thresh:");
        table.decimal((int) attributes.u32(type, PacketDiagInfo.COPY_THRESH));
        table.text(" flags( ");
        long flags = attributes.u32(type, PacketDiagInfo.FLAGS);
        if ((flags & PacketDiagInfo.PDI_RUNNING) != 0) {
            table.text("running");
        }
        if ((flags & PacketDiagInfo.PDI_AUXDATA) != 0) {
            table.text(" auxdata");
        }
        if ((flags & PacketDiagInfo.PDI_ORIGDEV) != 0) {
            table.text(" origdev");
        }
        if ((flags & PacketDiagInfo.PDI_VNETHDR) != 0) {
            table.text(" vnethdr");
        }
        if ((flags & PacketDiagInfo.PDI_LOSS) != 0) {
            table.text(" loss");
        }
        if (flags == 0) {
            table.character('0');
        }
        table.text(" )");
    }

    private void ring(int type, String label) {
        if (!attributes.has(type)) {
            return;
        }
        PacketDiagRing ring = PacketDiagRing.decode(attributes.payload(type));
        continuation(label);
        table.text("blk_size:");
        table.decimal(ring.blockSize());
        table.text(",blk_nr:");
        table.decimal(ring.blockCount());
        table.text(",frm_size:");
        table.decimal(ring.frameSize());
        table.text(",frm_nr:");
        table.decimal(ring.frameCount());
        table.text(",tmo:");
        table.decimal(ring.retireTimeout());
        table.text(",features:0x");
        table.hex(Integer.toUnsignedLong(ring.features()));
        table.character(')');
    }

    private void fanout() {
        if (!attributes.has(PacketDiagMsg.PACKET_DIAG_FANOUT)) {
            return;
        }
        PacketFanout fanout = PacketFanout.decode(attributes.payload(PacketDiagMsg.PACKET_DIAG_FANOUT));
        continuation("fanout(");
        table.text("id:");
        table.decimal(fanout.id());
        table.text(",type:");
        switch (fanout.type()) {
            case PacketFanout.HASH -> table.text("hash");
            case PacketFanout.LOAD_BALANCE -> table.text("lb");
            case PacketFanout.CPU -> table.text("cpu");
            case PacketFanout.ROLLOVER -> table.text("roll");
            case PacketFanout.RANDOM -> table.text("random");
            case PacketFanout.QUEUE_MAPPING -> table.text("qm");
            default -> {
                table.text("0x");
                table.hex(fanout.type());
            }
        }
        table.character(')');
    }

    private void filter(MemorySegment program) {
        int count = SockFilter.count(program);
        continuation("bpf filter (");
        table.decimal(count);
        table.text("): ");
        for (int i = 0; i < count; i++) {
            SockFilter f = SockFilter.decode(program, i);
            table.text(" 0x");
            table.hexPadded(f.code(), 2);
            table.character(' ');
            table.decimal(f.jt());
            table.character(' ');
            table.decimal(f.jf());
            table.character(' ');
            table.unsigned(f.k());
            table.character(',');
        }
    }

    /** Starts a packet detail: on the same line after a blank with {@code -O}, else on a new indented line. */
    private void continuation(String text) {
        table.text(output.oneLine() ? " " : "\n\t");
        table.text(text);
    }
}
