package io.sockscope.render;

import io.sockscope.model.BbrInfo;
import io.sockscope.model.DctcpInfo;
import io.sockscope.model.TcpState;

/**
 * Appends {@link TcpStats} in ss's order and words ({@code tcp_stats_print}): each figure only when it is not
 * zero (reordering only when it is not 3, sacked never for a listener), times in milliseconds with {@code %g},
 * rates through {@link NumberText#bandwidth}, and C's signed or unsigned reading of each value as ss prints it.
 */
final class TcpStatsWriter {
    private static final int DEFAULT_REORDERING = 3;

    private final SsTable table;
    private final NumberText numbers;
    private final boolean numeric;
    /** ss 7.x also prints {@code usec_ts}, {@code rcv_wnd} and {@code rehash}, which 6.1 did not know. */
    private final boolean newerFields;

    TcpStatsWriter(SsTable table, NumberText numbers, boolean numeric, SsDialect dialect) {
        this.table = table;
        this.numbers = numbers;
        this.numeric = numeric;
        this.newerFields = dialect.printsNewerTcpInfoFields();
    }

    void write(TcpStats s) {
        flag(s.timestamps, " ts");
        flag(newerFields && s.usecTimestamps, " usec_ts");
        flag(s.sack, " sack");
        flag(s.ecn, " ecn");
        flag(s.ecnSeen, " ecnseen");
        flag(s.fastOpen, " fastopen");
        if (s.congestionControl != null && !s.congestionControl.isEmpty()) {
            table.character(' ');
            table.text(s.congestionControl);
        }
        if (s.hasWindowScale) {
            table.text(" wscale:");
            table.decimal(s.sndWscale);
            table.character(',');
            table.decimal(s.rcvWscale);
        }
        real(s.rto, " rto:");
        if (s.backoff != 0) {
            table.text(" backoff:");
            table.unsigned(Integer.toUnsignedLong(s.backoff));
        }
        if (s.rtt != 0) {
            table.text(" rtt:");
            numbers.g(table, s.rtt);
            table.character('/');
            numbers.g(table, s.rttvar);
        }
        real(s.ato, " ato:");
        signed(s.quickAck, " qack:");
        flag((s.quickAck & 1) != 0, " bidir");
        signed(s.mss, " mss:");
        unsigned(s.pmtu, " pmtu:");
        signed(s.rcvMss, " rcvmss:");
        signed(s.advmss, " advmss:");
        unsigned(s.cwnd, " cwnd:");
        signed(s.ssthresh, " ssthresh:");
        unsigned64(s.bytesSent, " bytes_sent:");
        unsigned64(s.bytesRetrans, " bytes_retrans:");
        unsigned64(s.bytesAcked, " bytes_acked:");
        unsigned64(s.bytesReceived, " bytes_received:");
        unsigned(s.segsOut, " segs_out:");
        unsigned(s.segsIn, " segs_in:");
        unsigned(s.dataSegsOut, " data_segs_out:");
        unsigned(s.dataSegsIn, " data_segs_in:");
        dctcp(s.dctcp);
        bbr(s.bbr);
        if (s.sendBps != 0) {
            table.text(" send ");
            numbers.bandwidth(table, s.sendBps, numeric);
            table.text("bps");
        }
        unsigned(s.lastSend, " lastsnd:");
        unsigned(s.lastReceive, " lastrcv:");
        unsigned(s.lastAck, " lastack:");
        if (s.pacingRate != 0) {
            table.text(" pacing_rate ");
            numbers.bandwidth(table, s.pacingRate, numeric);
            table.text("bps");
            if (s.pacingRateMax != 0) {
                table.character('/');
                numbers.bandwidth(table, s.pacingRateMax, numeric);
                table.text("bps");
            }
        }
        if (s.deliveryRate != 0) {
            table.text(" delivery_rate ");
            numbers.bandwidth(table, s.deliveryRate, numeric);
            table.text("bps");
        }
        unsigned(s.delivered, " delivered:");
        unsigned(s.deliveredCe, " delivered_ce:");
        flag(s.appLimited, " app_limited");
        busy(s);
        unsigned(s.unacked, " unacked:");
        if (s.retrans != 0 || s.retransTotal != 0) {
            table.text(" retrans:");
            table.unsigned(Integer.toUnsignedLong(s.retrans));
            table.character('/');
            table.unsigned(Integer.toUnsignedLong(s.retransTotal));
        }
        unsigned(s.lost, " lost:");
        if (s.state != TcpState.LISTEN.code()) {
            unsigned(s.sacked, " sacked:");
        }
        unsigned(s.dsackDups, " dsack_dups:");
        unsigned(s.fackets, " fackets:");
        if (s.reordering != DEFAULT_REORDERING) {
            table.text(" reordering:");
            table.decimal(s.reordering);
        }
        signed(s.reordSeen, " reord_seen:");
        real(s.rcvRtt, " rcv_rtt:");
        signed(s.rcvSpace, " rcv_space:");
        unsigned(s.rcvSsthresh, " rcv_ssthresh:");
        unsigned(s.notSent, " notsent:");
        real(s.minRtt, " minrtt:");
        unsigned(s.rcvOoopack, " rcv_ooopack:");
        unsigned(s.sndWnd, " snd_wnd:");
        if (newerFields) {
            unsigned(s.rcvWnd, " rcv_wnd:");
            unsigned(s.rehash, " rehash:");
        }
    }

    private void dctcp(DctcpInfo d) {
        if (d == null) {
            return;
        }
        if (d.enabled() == 0) {
            table.text(" dctcp:fallback_mode");
            return;
        }
        table.text(" dctcp:(ce_state:");
        table.unsigned(d.ceState());
        table.text(",alpha:");
        table.unsigned(d.alpha());
        table.text(",ab_ecn:");
        table.unsigned(d.abEcn());
        table.text(",ab_tot:");
        table.unsigned(d.abTotal());
        table.character(')');
    }

    private void bbr(BbrInfo b) {
        if (b == null) {
            return;
        }
        table.text(" bbr:(bw:");
        numbers.bandwidth(table, NumberText.unsignedToDouble(b.bandwidth()) * 8.0, numeric);
        table.text("bps,mrtt:");
        numbers.g(table, (double) b.minRtt() / 1000.0);
        if (b.pacingGain() != 0) {
            table.text(",pacing_gain:");
            numbers.g(table, (double) b.pacingGain() / 256.0);
        }
        if (b.cwndGain() != 0) {
            table.text(",cwnd_gain:");
            numbers.g(table, (double) b.cwndGain() / 256.0);
        }
        table.character(')');
    }

    private void busy(TcpStats s) {
        if (s.busyTime == 0) {
            return;
        }
        table.text(" busy:");
        table.unsigned(Long.divideUnsigned(s.busyTime, 1000));
        table.text("ms");
        limited(s.rwndLimited, s.busyTime, " rwnd_limited:");
        limited(s.sndbufLimited, s.busyTime, " sndbuf_limited:");
    }

    private void limited(long micros, long busyMicros, String label) {
        if (micros == 0) {
            return;
        }
        table.text(label);
        table.unsigned(Long.divideUnsigned(micros, 1000));
        table.text("ms(");
        numbers.fixed(table, 100.0 * NumberText.unsignedToDouble(micros) / NumberText.unsignedToDouble(busyMicros),
                1);
        table.text("%)");
    }

    private void flag(boolean on, String text) {
        if (on) {
            table.text(text);
        }
    }

    private void real(double v, String label) {
        if (v != 0) {
            table.text(label);
            numbers.g(table, v);
        }
    }

    private void signed(int v, String label) {
        if (v != 0) {
            table.text(label);
            table.decimal(v);
        }
    }

    private void unsigned(int v, String label) {
        if (v != 0) {
            table.text(label);
            table.unsigned(Integer.toUnsignedLong(v));
        }
    }

    private void unsigned64(long v, String label) {
        if (v != 0) {
            table.text(label);
            table.unsigned(v);
        }
    }
}
