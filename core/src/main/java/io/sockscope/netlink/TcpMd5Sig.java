package io.sockscope.netlink;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;

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
 * @param family    {@code AF_INET} or {@code AF_INET6}
 * @param prefixLength the address prefix the key applies to
 * @param address   4 bytes for AF_INET, else 16, network order
 * @param key       the key bytes ({@code tcpm_keylen} of them, at most 80)
 */
public record TcpMd5Sig(int family, int prefixLength, byte[] address, byte[] key) {
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

    /** Key {@code index} of the array ({@code index * SIZE} may run past a short payload: zeros are read). */
    public static TcpMd5Sig decode(MemorySegment array, int index) {
        long base = (long) index * SIZE;
        int family = read(array, base + FAMILY, 1);
        int keyLength = Math.min(read(array, base + KEYLEN, 2), MAX_KEY_LENGTH);
        byte[] address = new byte[family == AF_INET6 ? 16 : 4];
        for (int i = 0; i < address.length; i++) {
            address[i] = (byte) read(array, base + ADDR + i, 1);
        }
        byte[] key = new byte[keyLength];
        for (int i = 0; i < keyLength; i++) {
            key[i] = (byte) read(array, base + KEY + i, 1);
        }
        return new TcpMd5Sig(family, read(array, base + PREFIXLEN, 1), address, key);
    }

    private static int read(MemorySegment s, long offset, int size) {
        return (int) Structs.read(s, 0, s.byteSize(), offset, size);
    }
}
