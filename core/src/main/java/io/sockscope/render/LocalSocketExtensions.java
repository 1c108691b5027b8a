package io.sockscope.render;

import io.sockscope.model.BpfInstruction;
import io.sockscope.model.NetlinkSocket;
import io.sockscope.model.PacketDetails;
import io.sockscope.model.PacketFanout;
import io.sockscope.model.PacketInfo;
import io.sockscope.model.PacketRing;
import io.sockscope.model.PacketSocket;
import io.sockscope.model.UnixSocket;

import java.util.List;

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
    private final SsTable table;
    private final ExtendedOutput output;
    private final NameLookups names;

    LocalSocketExtensions(SsTable table, ExtendedOutput output, NameLookups names) {
        this.table = table;
        this.output = output;
        this.names = names;
    }

    void unix(UnixSocket s) {
        if (output.memory() && s.memory() != null) {
            MemoryText.skmem(table, s.memory());
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
            table.unsigned(DeviceNumbers.major(s.vfsDevice()));
            table.character('/');
            table.unsigned(DeviceNumbers.minor(s.vfsDevice()));
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
        PacketDetails details = s.details();
        if (details == null) {
            return;
        }
        if (output.details()) {
            packetInfo(details.info());
            ring(details.rxRing(), "ring_rx(");
            ring(details.txRing(), "ring_tx(");
            fanout(details.fanout());
        }
        if (output.bpf() && details.filter() != null) {
            filter(details.filter());
        }
        if (output.memory() && details.memory() != null) {
            MemoryText.skmem(table, details.memory());
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
        if (output.memory() && s.fromSockDiag()) {
            table.character('\t');
            if (s.memory() != null) {
                MemoryText.skmem(table, s.memory());
            }
        }
    }

    private void packetInfo(PacketInfo info) {
        if (info == null) {
            return;
        }
        continuation("ver:");
        table.decimal(info.version());
        table.text(" cpy_thresh:");
        table.decimal(info.copyThreshold());
        table.text(" flags( ");
        long flags = info.flags();
        if ((flags & PacketInfo.PDI_RUNNING) != 0) {
            table.text("running");
        }
        if ((flags & PacketInfo.PDI_AUXDATA) != 0) {
            table.text(" auxdata");
        }
        if ((flags & PacketInfo.PDI_ORIGDEV) != 0) {
            table.text(" origdev");
        }
        if ((flags & PacketInfo.PDI_VNETHDR) != 0) {
            table.text(" vnethdr");
        }
        if ((flags & PacketInfo.PDI_LOSS) != 0) {
            table.text(" loss");
        }
        if (flags == 0) {
            table.character('0');
        }
        table.text(" )");
    }

    private void ring(PacketRing ring, String label) {
        if (ring == null) {
            return;
        }
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

    private void fanout(PacketFanout fanout) {
        if (fanout == null) {
            return;
        }
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

    private void filter(List<BpfInstruction> program) {
        continuation("bpf filter (");
        table.decimal(program.size());
        table.text("): ");
        for (BpfInstruction f : program) {
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
