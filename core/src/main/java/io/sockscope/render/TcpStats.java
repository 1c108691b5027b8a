package io.sockscope.render;

import io.sockscope.model.BbrInfo;
import io.sockscope.model.DctcpInfo;
import io.sockscope.model.InetDetails;
import io.sockscope.model.ProcNetExtras;
import io.sockscope.model.TcpInfo;
import io.sockscope.model.VegasInfo;

/**
 * The TCP figures ss prints with {@code -i}, in ss's units and C types (see {@link TcpStatsWriter}): ss's
 * {@code struct tcpstat}, filled either from the decoded {@code tcp_info} and congestion-control details of a
 * sock_diag reply, or from the few columns of a {@code /proc/net/tcp} line. Integer fields hold the bits of the C value; the writer prints
 * them signed or unsigned as ss does. A mutable holder, reset and refilled for each socket, for one thread.
 */
final class TcpStats {
    private static final long NO_PACING_RATE = -1L;
    private static final int NO_MIN_RTT = -1;
    private static final long INITIAL_RTO_MICROS = 3_000_000;
    private static final int CONGESTION_NAME_MAX = 15;

    int state;
    boolean timestamps;
    boolean sack;
    boolean ecn;
    boolean ecnSeen;
    boolean fastOpen;
    String congestionControl;
    boolean hasWindowScale;
    int sndWscale;
    int rcvWscale;
    double rto;
    int backoff;
    double rtt;
    double rttvar;
    double ato;
    int quickAck;
    int mss;
    int pmtu;
    int rcvMss;
    int advmss;
    int cwnd;
    int ssthresh;
    long bytesSent;
    long bytesRetrans;
    long bytesAcked;
    long bytesReceived;
    int segsOut;
    int segsIn;
    int dataSegsOut;
    int dataSegsIn;
    DctcpInfo dctcp;
    BbrInfo bbr;
    double sendBps;
    int lastSend;
    int lastReceive;
    int lastAck;
    double pacingRate;
    double pacingRateMax;
    double deliveryRate;
    int delivered;
    int deliveredCe;
    boolean appLimited;
    long busyTime;
    long rwndLimited;
    long sndbufLimited;
    int unacked;
    int retrans;
    int retransTotal;
    int lost;
    int sacked;
    int dsackDups;
    int fackets;
    int reordering;
    int reordSeen;
    double rcvRtt;
    int rcvSpace;
    int rcvSsthresh;
    int notSent;
    double minRtt;
    int rcvOoopack;
    int sndWnd;
    int rcvWnd;
    int rehash;
    boolean usecTimestamps;

    /** Everything zero, as ss's {@code struct tcpstat s = {}}. */
    void reset() {
        state = 0;
        timestamps = sack = ecn = ecnSeen = fastOpen = hasWindowScale = appLimited = usecTimestamps = false;
        congestionControl = null;
        sndWscale = rcvWscale = backoff = quickAck = mss = pmtu = rcvMss = advmss = cwnd = ssthresh = 0;
        rto = rtt = rttvar = ato = sendBps = pacingRate = pacingRateMax = deliveryRate = rcvRtt = minRtt = 0;
        bytesSent = bytesRetrans = bytesAcked = bytesReceived = busyTime = rwndLimited = sndbufLimited = 0;
        segsOut = segsIn = dataSegsOut = dataSegsIn = lastSend = lastReceive = lastAck = 0;
        delivered = deliveredCe = unacked = retrans = retransTotal = lost = sacked = dsackDups = fackets = 0;
        reordering = reordSeen = rcvSpace = rcvSsthresh = notSent = rcvOoopack = sndWnd = rcvWnd = rehash = 0;
        dctcp = null;
        bbr = null;
    }

    /** ss copies the name into a 16-byte buffer: at most 15 chars of it. */
    private static String congestionName(String name) {
        return name == null || name.length() <= CONGESTION_NAME_MAX ? name : name.substring(0, CONGESTION_NAME_MAX);
    }

    /**
     * What ss's {@code tcp_show_line} knows of a /proc line. ss keeps the timer's retransmit count in the same
     * field as tcp_info's, so it shows up as {@code retrans:N/0} here.
     */
    void fromProc(int socketState, int timerRetransmits, ProcNetExtras extras) {
        reset();
        state = socketState;
        retrans = timerRetransmits;
        rto = extras.rto();
        ato = extras.ato();
        quickAck = extras.quickAck();
        cwnd = (int) extras.congestionWindow();
        ssthresh = extras.slowStartThreshold();
    }

    /**
     * What ss's {@code tcp_show_info} takes from a reply: {@code tcp_info} (which {@code details} must have), the
     * congestion control name and its Vegas, DCTCP or BBR report.
     *
     * @param optionFlags whether the TCP option flags (ts, sack, ecn…) are shown ({@code -o})
     */
    void fromTcpInfo(int socketState, InetDetails details, boolean optionFlags) {
        reset();
        TcpInfo info = details.tcpInfo();
        state = socketState;
        if (optionFlags) {
            timestamps = info.hasOption(TcpInfo.TCPI_OPT_TIMESTAMPS);
            usecTimestamps = info.hasOption(TcpInfo.TCPI_OPT_USEC_TS);
            sack = info.hasOption(TcpInfo.TCPI_OPT_SACK);
            ecn = info.hasOption(TcpInfo.TCPI_OPT_ECN);
            ecnSeen = info.hasOption(TcpInfo.TCPI_OPT_ECN_SEEN);
            fastOpen = info.hasOption(TcpInfo.TCPI_OPT_SYN_DATA);
        }
        congestionControl = congestionName(details.congestion());
        if (info.hasOption(TcpInfo.TCPI_OPT_WSCALE)) {
            hasWindowScale = true;
            sndWscale = info.sndWscale();
            rcvWscale = info.rcvWscale();
        }
        long rtoMicros = Integer.toUnsignedLong(info.rto());
        if (rtoMicros != 0 && rtoMicros != INITIAL_RTO_MICROS) {
            rto = (double) rtoMicros / 1000;
        }
        backoff = info.backoff();
        rtt = (double) Integer.toUnsignedLong(info.rtt()) / 1000;
        rttvar = (double) Integer.toUnsignedLong(info.rttvar()) / 1000;
        ato = (double) Integer.toUnsignedLong(info.ato()) / 1000;
        mss = info.sndMss();
        rcvMss = info.rcvMss();
        advmss = info.advmss();
        rcvSpace = info.rcvSpace();
        rcvRtt = (double) Integer.toUnsignedLong(info.rcvRtt()) / 1000;
        lastSend = info.lastDataSent();
        lastReceive = info.lastDataRecv();
        lastAck = info.lastAckRecv();
        unacked = info.unacked();
        retrans = info.retrans();
        retransTotal = info.totalRetrans();
        lost = info.lost();
        sacked = info.sacked();
        fackets = info.fackets();
        reordering = info.reordering();
        rcvSsthresh = info.rcvSsthresh();
        cwnd = info.sndCwnd();
        pmtu = info.pmtu();
        if (Integer.toUnsignedLong(info.sndSsthresh()) < 0xFFFF) {
            ssthresh = info.sndSsthresh();
        }
        double rttForRate = Integer.toUnsignedLong(info.rtt());
        VegasInfo vegas = details.vegas();
        if (vegas != null && vegas.enabled() != 0 && vegas.rtt() != 0 && vegas.rtt() != VegasInfo.NO_RTT) {
            rttForRate = vegas.rtt();
        }
        dctcp = details.dctcp();
        bbr = details.bbr();
        if (rttForRate > 0 && info.sndMss() != 0 && info.sndCwnd() != 0) {
            // ss's order of operations, for the same rounding.
            sendBps = (double) Integer.toUnsignedLong(info.sndCwnd()) * (double) Integer.toUnsignedLong(info.sndMss())
                    * 8000000. / rttForRate;
        }
        if (info.pacingRate() != 0 && info.pacingRate() != NO_PACING_RATE) {
            pacingRate = NumberText.unsignedToDouble(info.pacingRate()) * 8.;
            if (info.maxPacingRate() != 0 && info.maxPacingRate() != NO_PACING_RATE) {
                pacingRateMax = NumberText.unsignedToDouble(info.maxPacingRate()) * 8.;
            }
        }
        bytesAcked = info.bytesAcked();
        bytesReceived = info.bytesReceived();
        segsOut = info.segsOut();
        segsIn = info.segsIn();
        dataSegsOut = info.dataSegsOut();
        dataSegsIn = info.dataSegsIn();
        notSent = info.notsentBytes();
        if (info.minRtt() != 0 && info.minRtt() != NO_MIN_RTT) {
            minRtt = (double) Integer.toUnsignedLong(info.minRtt()) / 1000;
        }
        deliveryRate = NumberText.unsignedToDouble(info.deliveryRate()) * 8.;
        appLimited = info.deliveryRateAppLimited();
        busyTime = info.busyTime();
        rwndLimited = info.rwndLimited();
        sndbufLimited = info.sndbufLimited();
        delivered = info.delivered();
        deliveredCe = info.deliveredCe();
        dsackDups = info.dsackDups();
        reordSeen = info.reordSeen();
        bytesSent = info.bytesSent();
        bytesRetrans = info.bytesRetrans();
        rcvOoopack = info.rcvOoopack();
        sndWnd = info.sndWnd();
        rcvWnd = info.rcvWnd();
        rehash = info.rehash();
    }
}
