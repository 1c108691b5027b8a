package io.sockscope.netlink;

import io.sockscope.model.Md5Key;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.StructLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code struct tcp_diag_md5sig}, one TCP-MD5 key of a socket; {@code INET_DIAG_MD5SIG} carries an array of them
 * (only to a caller with CAP_NET_ADMIN).
 *
 * <pre>
 * struct tcp_diag_md5sig {
 *     __u8    tcpm_family;
 *     __u8    tcpm_prefixlen;
 *     __u16   tcpm_keylen;
 *     __be32  tcpm_addr[4];
 *     __u8    tcpm_key[TCP_MD5SIG_MAXKEYLEN];   // 80
 * };
 * </pre>
 *
 * <p>Decodes into {@link Md5Key}s.
 */
public final class TcpMd5Sig {
    /** The struct's layout, for checking the offsets below; built on first use (see {@link FieldLayouts}). */
    public static StructLayout layout() {
        return Layout.STRUCT;
    }

    private static final class Layout {
        static final StructLayout STRUCT = MemoryLayout.structLayout(
                FieldLayouts.U8.withName("tcpm_family"),
                FieldLayouts.U8.withName("tcpm_prefixlen"),
                FieldLayouts.U16.withName("tcpm_keylen"),
                MemoryLayout.sequenceLayout(16, FieldLayouts.U8).withName("tcpm_addr"),
                MemoryLayout.sequenceLayout(80, FieldLayouts.U8).withName("tcpm_key"));
    }

    public static final int SIZE = 100;
    public static final long FAMILY = 0;
    public static final long PREFIXLEN = 1;
    public static final long KEYLEN = 2;
    public static final long ADDR = 4;
    public static final long KEY = 20;
    public static final int MAX_KEY_LENGTH = 80;

    private static final int AF_INET6 = 10;

    private TcpMd5Sig() {
    }

    /**
     * The keys of the current attribute's payload, as ss prints them: the first one, then one more per further
     * (possibly partial) struct's worth of bytes; bytes past the payload's end read as zero.
     */
    public static List<Md5Key> decode(AttributeCursor p) {
        List<Md5Key> keys = new ArrayList<>();
        keys.add(key(p, 0));
        int index = 1;
        for (long left = p.payloadLength() - SIZE; left > 0; left -= SIZE) {
            keys.add(key(p, index++));
        }
        return List.copyOf(keys);
    }

    private static Md5Key key(AttributeCursor p, int index) {
        long base = (long) index * SIZE;
        int family = p.u8At(base + FAMILY);
        int keyLength = Math.min(p.u16At(base + KEYLEN), MAX_KEY_LENGTH);
        byte[] address = new byte[family == AF_INET6 ? 16 : 4];
        for (int i = 0; i < address.length; i++) {
            address[i] = (byte) p.u8At(base + ADDR + i);
        }
        byte[] key = new byte[keyLength];
        for (int i = 0; i < keyLength; i++) {
            key[i] = (byte) p.u8At(base + KEY + i);
        }
        return new Md5Key(family, p.u8At(base + PREFIXLEN), address, key);
    }
}
