package io.sockscope.model;

/**
 * The kTLS configuration of a socket ({@code TLS_INFO_*} nested in {@code INET_ULP_INFO_TLS}); every number is
 * {@link #ABSENT} when the kernel did not send it.
 *
 * @param version       {@code TLS_INFO_VERSION}: {@link #TLS_1_2}, {@link #TLS_1_3} or another
 * @param cipher        {@code TLS_INFO_CIPHER}: {@link #AES_GCM_128}, {@link #AES_GCM_256} or another
 * @param rxConf        {@code TLS_INFO_RXCONF}: {@code TLS_CONF_*}, where receiving is done
 * @param txConf        {@code TLS_INFO_TXCONF}: {@code TLS_CONF_*}, where sending is done
 * @param zeroCopyReadOnlyTx {@code TLS_INFO_ZC_RO_TX} was sent
 * @param rxNoPad            {@code TLS_INFO_RX_NO_PAD} was sent (Linux 6.0 and later: TLS 1.3 records received
 *                           without padding are decrypted in place)
 */
public record TlsInfo(int version, int cipher, int rxConf, int txConf, boolean zeroCopyReadOnlyTx, boolean rxNoPad) {
    public static final int ABSENT = -1;

    public static final int TLS_1_2 = 0x0303;
    public static final int TLS_1_3 = 0x0304;
    public static final int AES_GCM_128 = 51;
    public static final int AES_GCM_256 = 52;

    /** {@code TLS_CONF_*}: where the record layer runs. */
    public static final int CONF_BASE = 1;
    public static final int CONF_SW = 2;
    public static final int CONF_HW = 3;
    public static final int CONF_HW_RECORD = 4;
}
