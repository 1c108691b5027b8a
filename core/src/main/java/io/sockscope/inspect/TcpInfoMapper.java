package io.sockscope.inspect;

import io.sockscope.api.TcpInfo;

/** The kernel's {@code tcp_info} as decoded by the codec, turned into the library's record. */
final class TcpInfoMapper {
    private TcpInfoMapper() {
    }

    static TcpInfo of(io.sockscope.netlink.TcpInfo k) {
        return new TcpInfo(
                k.state(),
                k.caState(),
                k.retransmits(),
                k.probes(),
                k.backoff(),
                k.options(),
                k.sndWscale(),
                k.rcvWscale(),
                k.deliveryRateAppLimited(),
                k.fastopenClientFail(),
                Integer.toUnsignedLong(k.rto()),
                Integer.toUnsignedLong(k.ato()),
                Integer.toUnsignedLong(k.sndMss()),
                Integer.toUnsignedLong(k.rcvMss()),
                Integer.toUnsignedLong(k.unacked()),
                Integer.toUnsignedLong(k.sacked()),
                Integer.toUnsignedLong(k.lost()),
                Integer.toUnsignedLong(k.retrans()),
                Integer.toUnsignedLong(k.fackets()),
                Integer.toUnsignedLong(k.lastDataSent()),
                Integer.toUnsignedLong(k.lastAckSent()),
                Integer.toUnsignedLong(k.lastDataRecv()),
                Integer.toUnsignedLong(k.lastAckRecv()),
                Integer.toUnsignedLong(k.pmtu()),
                Integer.toUnsignedLong(k.rcvSsthresh()),
                Integer.toUnsignedLong(k.rtt()),
                Integer.toUnsignedLong(k.rttvar()),
                Integer.toUnsignedLong(k.sndSsthresh()),
                Integer.toUnsignedLong(k.sndCwnd()),
                Integer.toUnsignedLong(k.advmss()),
                Integer.toUnsignedLong(k.reordering()),
                Integer.toUnsignedLong(k.rcvRtt()),
                Integer.toUnsignedLong(k.rcvSpace()),
                Integer.toUnsignedLong(k.totalRetrans()),
                k.pacingRate(),
                k.maxPacingRate(),
                k.bytesAcked(),
                k.bytesReceived(),
                Integer.toUnsignedLong(k.segsOut()),
                Integer.toUnsignedLong(k.segsIn()),
                Integer.toUnsignedLong(k.notsentBytes()),
                Integer.toUnsignedLong(k.minRtt()),
                Integer.toUnsignedLong(k.dataSegsIn()),
                Integer.toUnsignedLong(k.dataSegsOut()),
                k.deliveryRate(),
                k.busyTime(),
                k.rwndLimited(),
                k.sndbufLimited(),
                Integer.toUnsignedLong(k.delivered()),
                Integer.toUnsignedLong(k.deliveredCe()),
                k.bytesSent(),
                k.bytesRetrans(),
                Integer.toUnsignedLong(k.dsackDups()),
                Integer.toUnsignedLong(k.reordSeen()),
                Integer.toUnsignedLong(k.rcvOoopack()),
                Integer.toUnsignedLong(k.sndWnd()));
    }
}
