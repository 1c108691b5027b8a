package io.sockscope.differential;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** {@link LiveValueMask} on lines ss 6.1 printed for the zoo ({@code ss -tanoemi}). */
class LiveValueMaskTest {
    private static final String FLOODER =
            "ESTAB      0      2803712          127.0.0.1:44352          127.0.0.1:873   "
            + "timer:(persist,1min25sec,0) ino:2301354 sk:3aa3a cgroup:unreachable:1 <->\n"
            + "\t skmem:(r0,rb131072,t0,tb4194304,f1792,w3938560,o0,bl0,d0) ts sack bbr wscale:0,10 rto:208 "
            + "backoff:14 rtt:5.841/11.675 mss:2048 pmtu:65535 rcvmss:536 advmss:65483 cwnd:12 bytes_sent:4096 "
            + "bytes_acked:4097 segs_out:18 segs_in:16 data_segs_out:2 bbr:(bw:1365333000bps,mrtt:0.004,"
            + "pacing_gain:2.88672,cwnd_gain:2.88672) send 33659990bps lastsnd:736188 lastrcv:736188 "
            + "lastack:34264 pacing_rate 117057600000bps delivery_rate 1365333328bps delivered:3 app_limited "
            + "busy:736188ms rwnd_limited:736188ms(100.0%) rcv_space:65495 rcv_ssthresh:65495 notsent:2803712 "
            + "minrtt:0.004    \n";

    @Test
    void masksOnlyTheNumbersOfLiveFields() {
        String expected =
                "ESTAB      0      2803712          127.0.0.1:44352          127.0.0.1:873   "
                + "timer:(persist,#,#) ino:2301354 sk:3aa3a cgroup:unreachable:1 <->\n"
                + "\t skmem:(r0,rb131072,t0,tb4194304,f1792,w3938560,o0,bl0,d0) ts sack bbr wscale:0,10 rto:# "
                + "backoff:# rtt:#/# mss:2048 pmtu:65535 rcvmss:536 advmss:65483 cwnd:12 bytes_sent:# "
                + "bytes_acked:# segs_out:# segs_in:# data_segs_out:# bbr:(bw:#bps,mrtt:#,"
                + "pacing_gain:#,cwnd_gain:#) send #bps "
                + "pacing_rate #bps delivery_rate #bps delivered:# app_limited "
                + "busy:#ms rwnd_limited:#ms(#%) rcv_space:65495 rcv_ssthresh:65495 notsent:2803712 "
                + "minrtt:#\n";
        assertEquals(expected, LiveValueMask.apply(FLOODER));
    }

    @Test
    void ratesWithSuffixesAndMaximaAreMaskedWhole() {
        assertEquals(" send #bps pacing_rate #bps/#bps delivery_rate #bps",
                LiveValueMask.apply(" send 33.7Mbps pacing_rate 117Gbps/1.2e+03kbps delivery_rate 1.37Gbps"));
        assertEquals("timer:(on,#,#) retrans:#/#", LiveValueMask.apply("timer:(on,,16) retrans:1/16"));
    }

    @Test
    void fieldsThatMerelyEndLikeALiveOneStay() {
        String line = " delivered_ce:3 rcv_rtt:1 data_segs_in:4 dsack_dups:2 reord_seen:1";
        assertEquals(" delivered_ce:3 rcv_rtt:# data_segs_in:# dsack_dups:2 reord_seen:1", LiveValueMask.apply(line));
    }

    @Test
    void aTimeSinceTheLastAckThatIsZeroInOneRunOnlyMakesNoDifference() {
        String withoutLastAck = FLOODER.replace(" lastack:34264", "");
        assertEquals(LiveValueMask.apply(FLOODER), LiveValueMask.apply(withoutLastAck));
    }

    @Test
    void aDifferenceOutsideTheMaskedNumbersStillShows() {
        String other = FLOODER.replace("cwnd:12", "cwnd:13");
        assertNotEquals(LiveValueMask.apply(FLOODER), LiveValueMask.apply(other));
        String moved = FLOODER.replace("lastsnd:736188", "lastsnd:999").replace("1min25sec", "1min24sec");
        assertEquals(LiveValueMask.apply(FLOODER), LiveValueMask.apply(moved));
    }
}
