package io.sockscope.render;

import io.sockscope.model.InetDetails;
import io.sockscope.model.Md5Key;
import io.sockscope.model.MptcpInfo;
import io.sockscope.model.MptcpSubflow;
import io.sockscope.model.TlsInfo;
import io.sockscope.model.UlpInfo;
import io.sockscope.names.AddressText;

import java.io.IOException;

/**
 * What ss prints after the TCP figures: the socket's MD5 keys ({@code md5keys:addr/len=key,…}), its upper-layer
 * protocol ({@code tcp-ulp-NAME} with the kTLS configuration or the MPTCP subflow state), and for MPTCP
 * sockets the connection-level {@code mptcp_info}. A mutable helper for one thread (it reuses an address buffer).
 */
final class TcpAuxText {
    private final SsTable table;
    private final byte[] address = new byte[64];
    private final SsDialect dialect;

    TcpAuxText(SsTable table, SsDialect dialect) {
        this.table = table;
        this.dialect = dialect;
    }

    /** The MD5 keys and the ULP of a TCP reply, when present. */
    void write(InetDetails details) throws IOException {
        if (details.md5Keys() != null) {
            md5(details.md5Keys());
        }
        if (details.ulp() != null) {
            ulp(details.ulp());
        }
    }

    private void md5(Iterable<Md5Key> keys) throws IOException {
        table.text(" md5keys:");
        boolean first = true;
        for (Md5Key key : keys) {
            if (!first) {
                table.character(',');
            }
            first = false;
            md5Key(key);
        }
    }

    /**
     * {@code addr/len=} into the field, then the key, escaped (printable ASCII but backslash, blank and comma as
     * is, the rest as {@code \\ooo}); ss 6.1 prints the key with printf rather than into its field buffer, so it
     * goes straight to the output, ahead of the rows not yet printed; 7.x writes it into the field.
     */
    private void md5Key(Md5Key key) throws IOException {
        table.bytes(address, 0, AddressText.format(key.address(), address));
        table.character('/');
        table.decimal(key.prefixLength());
        table.character('=');
        byte[] escaped = new byte[4 * key.key().length];
        int n = 0;
        for (byte b : key.key()) {
            int c = b & 0xff;
            if (c >= 0x20 && c < 0x7f && c != '\\' && c != ' ' && c != ',') {
                escaped[n++] = (byte) c;
            } else {
                escaped[n++] = '\\';
                escaped[n++] = (byte) ('0' + (c >> 6));
                escaped[n++] = (byte) ('0' + ((c >> 3) & 7));
                escaped[n++] = (byte) ('0' + (c & 7));
            }
        }
        if (dialect.writesMd5KeysInTheirField()) {
            table.bytes(escaped, 0, n);
        } else {
            table.direct(escaped, 0, n);
        }
    }

    private void ulp(UlpInfo ulp) {
        if (ulp.name() != null) {
            table.text(" tcp-ulp-");
            table.text(ulp.name());
        }
        if (ulp.tls() != null) {
            tls(ulp.tls());
        }
        if (ulp.subflow() != null) {
            subflow(ulp.subflow());
        }
    }

    private void tls(TlsInfo t) {
        if (t.version() != TlsInfo.ABSENT) {
            switch (t.version()) {
                case TlsInfo.TLS_1_2 -> table.text(" version: 1.2");
                case TlsInfo.TLS_1_3 -> table.text(" version: 1.3");
                default -> {
                    table.text(" version: unknown(");
                    table.decimal(t.version());
                    table.character(')');
                }
            }
        }
        switch (t.cipher()) {
            case TlsInfo.AES_GCM_128 -> table.text(" cipher: aes-gcm-128");
            case TlsInfo.AES_GCM_256 -> table.text(" cipher: aes-gcm-256");
            default -> { }
        }
        tlsConf(t.rxConf(), " rxconf: ");
        tlsConf(t.txConf(), " txconf: ");
        if (t.zeroCopyReadOnlyTx()) {
            table.text(" zc_ro_tx");
        }
        if (t.rxNoPad() && dialect.printsTlsRxNoPad()) {
            table.text(" no_pad_rx");
        }
    }

    private void tlsConf(int conf, String label) {
        if (conf == TlsInfo.ABSENT) {
            return;
        }
        table.text(label);
        switch (conf) {
            case TlsInfo.CONF_BASE -> table.text("none");
            case TlsInfo.CONF_SW -> table.text("sw");
            case TlsInfo.CONF_HW -> table.text("hw");
            case TlsInfo.CONF_HW_RECORD -> table.text("hw-record");
            default -> {
                table.text("unknown(");
                table.decimal(conf);
                table.character(')');
            }
        }
    }

    private void subflow(MptcpSubflow t) {
        if (t.flags() != null) {
            long flags = t.flags();
            if (flags != 0) {
                table.text(" flags:");
                cap(flags, MptcpSubflow.FLAG_MCAP_REM, 'M');
                cap(flags, MptcpSubflow.FLAG_MCAP_LOC, 'm');
                cap(flags, MptcpSubflow.FLAG_JOIN_REM, 'J');
                cap(flags, MptcpSubflow.FLAG_JOIN_LOC, 'j');
                cap(flags, MptcpSubflow.FLAG_BKUP_REM, 'B');
                cap(flags, MptcpSubflow.FLAG_BKUP_LOC, 'b');
                cap(flags, MptcpSubflow.FLAG_FULLY_ESTABLISHED, 'e');
                cap(flags, MptcpSubflow.FLAG_CONNECTED, 'c');
                cap(flags, MptcpSubflow.FLAG_MAPVALID, 'v');
            }
        }
        if (t.tokenRemote() != null && t.tokenLocal() != null && t.idRemote() != null && t.idLocal() != null) {
            table.text(" token:");
            table.hexPadded(t.tokenRemote(), 4);
            table.text("(id:");
            table.decimal(t.idRemote());
            table.text(")/");
            table.hexPadded(t.tokenLocal(), 4);
            table.text("(id:");
            table.decimal(t.idLocal());
            table.character(')');
        }
        hexField(t.mapSeq(), " seq:");
        hexField(t.mapSubflowSeq(), " sfseq:");
        hexField(t.ssnOffset(), " ssnoff:");
        hexField(t.mapDataLength(), " maplen:");
    }

    private void cap(long flags, int bit, char letter) {
        if ((flags & bit) != 0) {
            table.character(letter);
        }
    }

    /** A sequence counter: hexadecimal in ss 6.1, decimal from 6.5 (connection) and 6.14 (subflow) on. */
    private void hexField(Long value, String label) {
        if (value != null) {
            table.text(label);
            sequence(value);
        }
    }

    private void sequence(long value) {
        if (dialect.printsMptcpSequencesInDecimal()) {
            table.unsigned(value);
        } else {
            table.hex(value);
        }
    }

    /** ss's {@code mptcp_stats_print}: the connection-level counters that are not zero. */
    void mptcp(MptcpInfo m) {
        positive(m.subflows(), " subflows:");
        positive(m.addAddrSignal(), " add_addr_signal:");
        positive(m.addAddrAccepted(), " add_addr_accepted:");
        positive(m.subflowsMax(), " subflows_max:");
        positive(m.addAddrSignalMax(), " add_addr_signal_max:");
        positive(m.addAddrAcceptedMax(), " add_addr_accepted_max:");
        if ((m.flags() & MptcpInfo.FLAG_FALLBACK) != 0) {
            table.text(" fallback");
        }
        if ((m.flags() & MptcpInfo.FLAG_REMOTE_KEY_RECEIVED) != 0) {
            table.text(" remote_key");
        }
        if (m.token() != 0) {
            table.text(" token:");
            table.hex(m.token());
        }
        if (m.writeSeq() != 0) {
            table.text(" write_seq:");
            sequence(m.writeSeq());
        }
        if (m.sndUna() != 0) {
            table.text(" snd_una:");
            sequence(m.sndUna());
        }
        if (m.rcvNxt() != 0) {
            table.text(" rcv_nxt:");
            sequence(m.rcvNxt());
        }
        if (dialect.printsMptcpSequencesInDecimal()) {
            // ss 6.6 to 7.1 added these, in the struct's order.
            counter(m.localAddrUsed(), " local_addr_used:");
            counter(m.localAddrMax(), " local_addr_max:");
            counter(m.csumEnabled(), " csum_enabled:");
            counter(m.retransmits(), " retransmits:");
            counter(m.bytesRetrans(), " bytes_retrans:");
            counter(m.bytesSent(), " bytes_sent:");
            counter(m.bytesReceived(), " bytes_received:");
            counter(m.bytesAcked(), " bytes_acked:");
            counter(m.subflowsTotal(), " subflows_total:");
            counter(m.endpLaminarMax(), " endp_laminar_max:");
            counter(m.lastDataSent(), " last_data_sent:");
            counter(m.lastDataRecv(), " last_data_recv:");
            counter(m.lastAckRecv(), " last_ack_recv:");
        }
    }

    /** An unsigned counter, shown when not zero. */
    private void counter(long v, String label) {
        if (v != 0) {
            table.text(label);
            table.unsigned(v);
        }
    }

    private void positive(int v, String label) {
        if (v != 0) {
            table.text(label);
            table.decimal(v);
        }
    }
}
