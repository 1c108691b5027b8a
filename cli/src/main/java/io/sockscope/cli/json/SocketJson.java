package io.sockscope.cli.json;

import com.fasterxml.jackson.core.JsonGenerator;
import io.sockscope.api.Endpoint;
import io.sockscope.api.InetSocketEntry;
import io.sockscope.api.InetSocketOption;
import io.sockscope.api.NetlinkSocketEntry;
import io.sockscope.api.Owners;
import io.sockscope.api.PacketSocketEntry;
import io.sockscope.api.ProcessOwner;
import io.sockscope.api.Shutdown;
import io.sockscope.api.SocketEntry;
import io.sockscope.api.SocketMemory;
import io.sockscope.api.TcpInfo;
import io.sockscope.api.Timer;
import io.sockscope.api.UnixSocketEntry;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Writes one socket as a JSON object of schema v1 (docs/json.md, docs/sockscope-v1.schema.json). Every member
 * of a socket's kind is always written, null when the kernel did not say or the command line did not ask, so
 * that a consumer never has to tell "absent" from "not requested" by a missing key.
 */
final class SocketJson {
    private SocketJson() {
    }

    static void write(JsonGenerator g, SocketEntry entry) throws IOException {
        g.writeStartObject();
        g.writeStringField("netid", entry.protocol().netid());
        g.writeStringField("state", entry.state().ssName());
        g.writeNumberField("recv_q", entry.recvQueue());
        g.writeNumberField("send_q", entry.sendQueue());
        switch (entry) {
            case InetSocketEntry s -> inet(g, s);
            case UnixSocketEntry s -> unix(g, s);
            case PacketSocketEntry s -> packet(g, s);
            case NetlinkSocketEntry s -> netlink(g, s);
        }
        g.writeNumberField("inode", entry.inode());
        owners(g, entry.owners());
        NamespaceWorkloadJson.write(g, entry);
        g.writeEndObject();
    }

    private static void inet(JsonGenerator g, InetSocketEntry s) throws IOException {
        g.writeStringField("family", s.family() == io.sockscope.api.Family.INET6 ? "inet6" : "inet");
        endpoint(g, "local", s.local());
        endpoint(g, "peer", s.peer());
        if (s.v6only() == null) {
            g.writeNullField("v6only");
        } else {
        g.writeBooleanField("v6only", s.v6only());
        }
        g.writeNumberField("uid", s.uid());
        g.writeStringField("cookie", s.cookie());
        timer(g, s.timer());
        shutdown(g, s.shutdown());
        g.writeNumberField("mark", s.mark());
        unsigned64(g, "cgroup_id", s.cgroupId());
        g.writeStringField("cgroup", s.cgroupPath());
        nullableNumber(g, "tos", s.tos());
        nullableNumber(g, "tclass", s.trafficClass());
        g.writeStringField("congestion", s.congestion());
        tcpInfo(g, s.tcpInfo());
        memory(g, s.memory());
        options(g, s.options());
    }

    /** Every option the kernel reports, by its kernel name, set or not; null when the entry has none. */
    private static void options(JsonGenerator g, Set<InetSocketOption> options) throws IOException {
        if (options == null) {
            g.writeNullField("inet_sockopt");
            return;
        }
        g.writeObjectFieldStart("inet_sockopt");
        for (InetSocketOption option : InetSocketOption.values()) {
            g.writeBooleanField(option.kernelName(), options.contains(option));
        }
        g.writeEndObject();
    }

    /** A kernel {@code __u64}: Java holds it in a long, JSON gets its unsigned value (2^64-1 means "no limit"). */
    private static void unsigned64(JsonGenerator g, String name, long value) throws IOException {
        g.writeFieldName(name);
        if (value >= 0) {
            g.writeNumber(value);
        } else {
            g.writeNumber(new BigInteger(Long.toUnsignedString(value)));
        }
    }

    private static void nullableNumber(JsonGenerator g, String name, Integer value) throws IOException {
        if (value == null) {
            g.writeNullField(name);
        } else {
            g.writeNumberField(name, value);
        }
    }

    private static void endpoint(JsonGenerator g, String name, Endpoint e) throws IOException {
        g.writeObjectFieldStart(name);
        g.writeStringField("address", e.address());
        g.writeNumberField("port", e.port());
        g.writeStringField("interface", e.interfaceName());
        g.writeBooleanField("v4_mapped", e.v4Mapped());
        g.writeBooleanField("wildcard", e.wildcard());
        g.writeEndObject();
    }

    private static void timer(JsonGenerator g, Timer t) throws IOException {
        if (t == null) {
            g.writeNullField("timer");
            return;
        }
        g.writeObjectFieldStart("timer");
        g.writeStringField("name", t.name());
        g.writeNumberField("expires_ms", t.expiresMillis());
        g.writeNumberField("retransmits", t.retransmits());
        g.writeEndObject();
    }

    private static void shutdown(JsonGenerator g, Shutdown s) throws IOException {
        g.writeStringField("shutdown", s == null ? null : s.text());
    }

    private static void unix(JsonGenerator g, UnixSocketEntry s) throws IOException {
        g.writeStringField("family", "unix");
        name(g, "path", s.path(), s.pathIsUtf8(), s::pathBytes);
        g.writeBooleanField("abstract", s.abstractName());
        g.writeNumberField("peer_inode", s.peerInode());
        name(g, "peer_path", s.peerPath(), s.peerPathIsUtf8(), s::peerPathBytes);
        if (s.uid() < 0) {
            g.writeNullField("uid");
        } else {
        g.writeNumberField("uid", s.uid());
        }
        shutdown(g, s.shutdown());
        g.writeArrayFieldStart("pending_peers");
        for (long inode : s.pendingPeers()) {
            g.writeNumber(inode);
        }
        g.writeEndArray();
        memory(g, s.memory());
    }

    private static void packet(JsonGenerator g, PacketSocketEntry s) throws IOException {
        g.writeStringField("family", "packet");
        g.writeNumberField("ether_type", s.etherType());
        g.writeStringField("interface", s.interfaceName());
        g.writeNumberField("uid", s.uid());
        g.writeStringField("cookie", s.cookie());
    }

    private static void netlink(JsonGenerator g, NetlinkSocketEntry s) throws IOException {
        g.writeStringField("family", "netlink");
        g.writeNumberField("netlink_protocol", s.netlinkProtocol());
        g.writeStringField("protocol_name", s.protocolName());
        g.writeNumberField("port_id", s.portId());
        g.writeNumberField("groups", s.groups());
        g.writeBooleanField("connected", s.connected());
        g.writeNumberField("peer_port_id", s.peerPortId());
        g.writeNumberField("peer_group", s.peerGroup());
    }

    private static void owners(JsonGenerator g, Owners owners) throws IOException {
        g.writeObjectFieldStart("owners");
        g.writeStringField("status", owners.status().text());
        g.writeArrayFieldStart("processes");
        for (ProcessOwner p : owners.processes()) {
            g.writeStartObject();
            g.writeNumberField("pid", p.pid());
            g.writeNumberField("tid", p.tid());
            command(g, p);
            g.writeNumberField("fd", p.fd());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    /**
     * The name as JSON text, which must be Unicode: exact when the kernel's bytes are UTF-8 (nearly always), else
     * with U+FFFD for each invalid sequence, and then the bytes themselves in base64 beside it, so that two
     * names that differ only in such bytes stay apart.
     */
    private static void command(JsonGenerator g, ProcessOwner p) throws IOException {
        if (p.commandIsUtf8()) {
            g.writeStringField("command", p.command());
            g.writeNullField("command_bytes");
        } else {
            byte[] bytes = p.commandBytes();
            g.writeStringField("command", new String(bytes, StandardCharsets.UTF_8));
            g.writeStringField("command_bytes", Base64.getEncoder().encodeToString(bytes));
        }
    }

    /** A unix name and its {@code _bytes} member, as {@link #command} writes a process name. */
    private static void name(JsonGenerator g, String member, String text, boolean utf8,
                             Supplier<byte[]> bytes) throws IOException {
        if (text == null || utf8) {
            g.writeStringField(member, text);
            g.writeNullField(member + "_bytes");
        } else {
            byte[] exact = bytes.get();
            g.writeStringField(member, new String(exact, StandardCharsets.UTF_8));
            g.writeStringField(member + "_bytes", Base64.getEncoder().encodeToString(exact));
        }
    }

    private static void memory(JsonGenerator g, SocketMemory m) throws IOException {
        if (m == null) {
            g.writeNullField("skmem");
            return;
        }
        g.writeObjectFieldStart("skmem");
        g.writeNumberField("rmem_alloc", m.rmemAlloc());
        g.writeNumberField("rcvbuf", m.rcvbuf());
        g.writeNumberField("wmem_alloc", m.wmemAlloc());
        g.writeNumberField("sndbuf", m.sndbuf());
        g.writeNumberField("fwd_alloc", m.fwdAlloc());
        g.writeNumberField("wmem_queued", m.wmemQueued());
        g.writeNumberField("optmem", m.optmem());
        g.writeNumberField("backlog", m.backlog());
        g.writeNumberField("drops", m.drops());
        g.writeEndObject();
    }

    /** The kernel's field names without their {@code tcpi_} prefix. */
    private static void tcpInfo(JsonGenerator g, TcpInfo t) throws IOException {
        if (t == null) {
            g.writeNullField("tcp_info");
            return;
        }
        g.writeObjectFieldStart("tcp_info");
        g.writeNumberField("state", t.state());
        g.writeNumberField("ca_state", t.caState());
        g.writeNumberField("retransmits", t.retransmits());
        g.writeNumberField("probes", t.probes());
        g.writeNumberField("backoff", t.backoff());
        g.writeNumberField("options", t.options());
        g.writeNumberField("snd_wscale", t.sndWscale());
        g.writeNumberField("rcv_wscale", t.rcvWscale());
        g.writeBooleanField("delivery_rate_app_limited", t.deliveryRateAppLimited());
        g.writeNumberField("fastopen_client_fail", t.fastopenClientFail());
        g.writeNumberField("rto", t.rto());
        g.writeNumberField("ato", t.ato());
        g.writeNumberField("snd_mss", t.sndMss());
        g.writeNumberField("rcv_mss", t.rcvMss());
        g.writeNumberField("unacked", t.unacked());
        g.writeNumberField("sacked", t.sacked());
        g.writeNumberField("lost", t.lost());
        g.writeNumberField("retrans", t.retrans());
        g.writeNumberField("fackets", t.fackets());
        g.writeNumberField("last_data_sent", t.lastDataSent());
        g.writeNumberField("last_ack_sent", t.lastAckSent());
        g.writeNumberField("last_data_recv", t.lastDataRecv());
        g.writeNumberField("last_ack_recv", t.lastAckRecv());
        g.writeNumberField("pmtu", t.pmtu());
        g.writeNumberField("rcv_ssthresh", t.rcvSsthresh());
        g.writeNumberField("rtt", t.rtt());
        g.writeNumberField("rttvar", t.rttvar());
        g.writeNumberField("snd_ssthresh", t.sndSsthresh());
        g.writeNumberField("snd_cwnd", t.sndCwnd());
        g.writeNumberField("advmss", t.advmss());
        g.writeNumberField("reordering", t.reordering());
        g.writeNumberField("rcv_rtt", t.rcvRtt());
        g.writeNumberField("rcv_space", t.rcvSpace());
        g.writeNumberField("total_retrans", t.totalRetrans());
        unsigned64(g, "pacing_rate", t.pacingRate());
        unsigned64(g, "max_pacing_rate", t.maxPacingRate());
        unsigned64(g, "bytes_acked", t.bytesAcked());
        unsigned64(g, "bytes_received", t.bytesReceived());
        g.writeNumberField("segs_out", t.segsOut());
        g.writeNumberField("segs_in", t.segsIn());
        g.writeNumberField("notsent_bytes", t.notsentBytes());
        g.writeNumberField("min_rtt", t.minRtt());
        g.writeNumberField("data_segs_in", t.dataSegsIn());
        g.writeNumberField("data_segs_out", t.dataSegsOut());
        unsigned64(g, "delivery_rate", t.deliveryRate());
        unsigned64(g, "busy_time", t.busyTime());
        unsigned64(g, "rwnd_limited", t.rwndLimited());
        unsigned64(g, "sndbuf_limited", t.sndbufLimited());
        g.writeNumberField("delivered", t.delivered());
        g.writeNumberField("delivered_ce", t.deliveredCe());
        unsigned64(g, "bytes_sent", t.bytesSent());
        unsigned64(g, "bytes_retrans", t.bytesRetrans());
        g.writeNumberField("dsack_dups", t.dsackDups());
        g.writeNumberField("reord_seen", t.reordSeen());
        g.writeNumberField("rcv_ooopack", t.rcvOoopack());
        g.writeNumberField("snd_wnd", t.sndWnd());
        g.writeNumberField("rcv_wnd", t.rcvWnd());
        g.writeNumberField("rehash", t.rehash());
        g.writeEndObject();
    }
}
