package io.sockscope.render;

import io.sockscope.netlink.AttributeTable;
import io.sockscope.netlink.InetDiagAttribute;
import io.sockscope.netlink.MptcpInfo;
import io.sockscope.netlink.TcpMd5Sig;
import io.sockscope.netlink.UlpAttribute;

import java.io.IOException;
import java.lang.foreign.MemorySegment;

/**
 * What ss prints after the TCP figures: the socket's MD5 keys ({@code md5keys:addr/len=key,…}), its upper-layer
 * protocol ({@code tcp-ulp-NAME} with the kTLS configuration or the MPTCP subflow state), and for MPTCP
 * sockets the connection-level {@code mptcp_info}. A mutable helper for one thread (it reuses its nested
 * attribute tables).
 */
final class TcpAuxText {
    private final SsTable table;
    private final AttributeTable ulp = new AttributeTable(UlpAttribute.INET_ULP_INFO_MAX);
    private final AttributeTable nested = new AttributeTable(UlpAttribute.MPTCP_SUBFLOW_ATTR_MAX);
    private final byte[] address = new byte[64];

    TcpAuxText(SsTable table) {
        this.table = table;
    }

    /** The MD5 keys and the ULP of a TCP reply, when present. */
    void write(AttributeTable attributes) throws IOException {
        if (attributes.has(InetDiagAttribute.INET_DIAG_MD5SIG)) {
            md5(attributes.payload(InetDiagAttribute.INET_DIAG_MD5SIG));
        }
        if (attributes.has(InetDiagAttribute.INET_DIAG_ULP_INFO)) {
            ulp(attributes.payload(InetDiagAttribute.INET_DIAG_ULP_INFO));
        }
    }

    private void md5(MemorySegment keys) throws IOException {
        table.text(" md5keys:");
        // ss prints the first key, then one more per further (possibly partial) struct's worth of bytes.
        md5Key(TcpMd5Sig.decode(keys, 0));
        int index = 1;
        for (long left = keys.byteSize() - TcpMd5Sig.SIZE; left > 0; left -= TcpMd5Sig.SIZE) {
            table.character(',');
            md5Key(TcpMd5Sig.decode(keys, index++));
        }
    }

    /**
     * {@code addr/len=} into the field, then the key, escaped (printable ASCII but backslash, blank and comma as
     * is, the rest as {@code \\ooo}); ss prints the key with printf rather than into its field buffer, so it
     * goes straight to the output, ahead of the rows not yet printed.
     */
    private void md5Key(TcpMd5Sig key) throws IOException {
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
        table.direct(escaped, 0, n);
    }

    private void ulp(MemorySegment info) {
        ulp.parse(info);
        String name = ulp.string(UlpAttribute.INET_ULP_INFO_NAME, Integer.MAX_VALUE);
        if (name != null) {
            table.text(" tcp-ulp-");
            table.text(name);
        }
        if (ulp.has(UlpAttribute.INET_ULP_INFO_TLS)) {
            tls(nested.parse(ulp.payload(UlpAttribute.INET_ULP_INFO_TLS)));
        }
        if (ulp.has(UlpAttribute.INET_ULP_INFO_MPTCP)) {
            subflow(nested.parse(ulp.payload(UlpAttribute.INET_ULP_INFO_MPTCP)));
        }
    }

    private void tls(AttributeTable t) {
        if (t.has(UlpAttribute.TLS_INFO_VERSION)) {
            int version = t.u16(UlpAttribute.TLS_INFO_VERSION);
            switch (version) {
                case UlpAttribute.TLS_1_2_VERSION -> table.text(" version: 1.2");
                case UlpAttribute.TLS_1_3_VERSION -> table.text(" version: 1.3");
                default -> {
                    table.text(" version: unknown(");
                    table.decimal(version);
                    table.character(')');
                }
            }
        }
        if (t.has(UlpAttribute.TLS_INFO_CIPHER)) {
            switch (t.u16(UlpAttribute.TLS_INFO_CIPHER)) {
                case UlpAttribute.TLS_CIPHER_AES_GCM_128 -> table.text(" cipher: aes-gcm-128");
                case UlpAttribute.TLS_CIPHER_AES_GCM_256 -> table.text(" cipher: aes-gcm-256");
                default -> { }
            }
        }
        tlsConf(t, UlpAttribute.TLS_INFO_RXCONF, " rxconf: ");
        tlsConf(t, UlpAttribute.TLS_INFO_TXCONF, " txconf: ");
        if (t.has(UlpAttribute.TLS_INFO_ZC_RO_TX)) {
            table.text(" zc_ro_tx");
        }
    }

    private void tlsConf(AttributeTable t, int type, String label) {
        if (!t.has(type)) {
            return;
        }
        int conf = t.u16(type);
        table.text(label);
        switch (conf) {
            case UlpAttribute.TLS_CONF_BASE -> table.text("none");
            case UlpAttribute.TLS_CONF_SW -> table.text("sw");
            case UlpAttribute.TLS_CONF_HW -> table.text("hw");
            case UlpAttribute.TLS_CONF_HW_RECORD -> table.text("hw-record");
            default -> {
                table.text("unknown(");
                table.decimal(conf);
                table.character(')');
            }
        }
    }

    private void subflow(AttributeTable t) {
        if (t.has(UlpAttribute.MPTCP_SUBFLOW_ATTR_FLAGS)) {
            long flags = t.u32(UlpAttribute.MPTCP_SUBFLOW_ATTR_FLAGS);
            if (flags != 0) {
                table.text(" flags:");
                cap(flags, UlpAttribute.MPTCP_SUBFLOW_FLAG_MCAP_REM, 'M');
                cap(flags, UlpAttribute.MPTCP_SUBFLOW_FLAG_MCAP_LOC, 'm');
                cap(flags, UlpAttribute.MPTCP_SUBFLOW_FLAG_JOIN_REM, 'J');
                cap(flags, UlpAttribute.MPTCP_SUBFLOW_FLAG_JOIN_LOC, 'j');
                cap(flags, UlpAttribute.MPTCP_SUBFLOW_FLAG_BKUP_REM, 'B');
                cap(flags, UlpAttribute.MPTCP_SUBFLOW_FLAG_BKUP_LOC, 'b');
                cap(flags, UlpAttribute.MPTCP_SUBFLOW_FLAG_FULLY_ESTABLISHED, 'e');
                cap(flags, UlpAttribute.MPTCP_SUBFLOW_FLAG_CONNECTED, 'c');
                cap(flags, UlpAttribute.MPTCP_SUBFLOW_FLAG_MAPVALID, 'v');
            }
        }
        if (t.has(UlpAttribute.MPTCP_SUBFLOW_ATTR_TOKEN_REM) && t.has(UlpAttribute.MPTCP_SUBFLOW_ATTR_TOKEN_LOC)
                && t.has(UlpAttribute.MPTCP_SUBFLOW_ATTR_ID_REM) && t.has(UlpAttribute.MPTCP_SUBFLOW_ATTR_ID_LOC)) {
            table.text(" token:");
            table.hexPadded(t.u32(UlpAttribute.MPTCP_SUBFLOW_ATTR_TOKEN_REM), 4);
            table.text("(id:");
            table.decimal(t.u8(UlpAttribute.MPTCP_SUBFLOW_ATTR_ID_REM));
            table.text(")/");
            table.hexPadded(t.u32(UlpAttribute.MPTCP_SUBFLOW_ATTR_TOKEN_LOC), 4);
            table.text("(id:");
            table.decimal(t.u8(UlpAttribute.MPTCP_SUBFLOW_ATTR_ID_LOC));
            table.character(')');
        }
        hexField(t, UlpAttribute.MPTCP_SUBFLOW_ATTR_MAP_SEQ, " seq:", true);
        hexField(t, UlpAttribute.MPTCP_SUBFLOW_ATTR_MAP_SFSEQ, " sfseq:", false);
        hexField(t, UlpAttribute.MPTCP_SUBFLOW_ATTR_SSN_OFFSET, " ssnoff:", false);
        hexField(t, UlpAttribute.MPTCP_SUBFLOW_ATTR_MAP_DATALEN, " maplen:", false);
    }

    private void cap(long flags, int bit, char letter) {
        if ((flags & bit) != 0) {
            table.character(letter);
        }
    }

    private void hexField(AttributeTable t, int type, String label, boolean wide) {
        if (t.has(type)) {
            table.text(label);
            table.hex(wide ? t.u64(type) : t.u32(type));
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
        if ((m.flags() & MptcpInfo.MPTCP_INFO_FLAG_FALLBACK) != 0) {
            table.text(" fallback");
        }
        if ((m.flags() & MptcpInfo.MPTCP_INFO_FLAG_REMOTE_KEY_RECEIVED) != 0) {
            table.text(" remote_key");
        }
        if (m.token() != 0) {
            table.text(" token:");
            table.hex(m.token());
        }
        if (m.writeSeq() != 0) {
            table.text(" write_seq:");
            table.hex(m.writeSeq());
        }
        if (m.sndUna() != 0) {
            table.text(" snd_una:");
            table.hex(m.sndUna());
        }
        if (m.rcvNxt() != 0) {
            table.text(" rcv_nxt:");
            table.hex(m.rcvNxt());
        }
    }

    private void positive(int v, String label) {
        if (v != 0) {
            table.text(label);
            table.decimal(v);
        }
    }
}
