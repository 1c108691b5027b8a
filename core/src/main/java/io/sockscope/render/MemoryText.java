package io.sockscope.render;

import io.sockscope.netlink.InetDiagMemInfo;
import io.sockscope.netlink.SkMemInfo;
import io.sockscope.netlink.SockDiag;

/**
 * ss's memory texts ({@code print_skmeminfo}): {@code skmem:(r…,rb…,t…,tb…,f…,w…,o…[,bl…][,d…])} from the
 * socket memory array, the backlog and drop counts only when the kernel sent that far, and the older
 * {@code mem:(r…,w…,f…,t…)} from {@code inet_diag_meminfo} for inet replies without the array.
 */
final class MemoryText {
    private MemoryText() {
    }

    static void skmem(SsTable table, SkMemInfo m) {
        table.text(" skmem:(r");
        table.unsigned(m.rmemAlloc());
        table.text(",rb");
        table.unsigned(m.rcvbuf());
        table.text(",t");
        table.unsigned(m.wmemAlloc());
        table.text(",tb");
        table.unsigned(m.sndbuf());
        table.text(",f");
        table.unsigned(m.fwdAlloc());
        table.text(",w");
        table.unsigned(m.wmemQueued());
        table.text(",o");
        table.unsigned(m.optmem());
        if (m.has(SockDiag.SK_MEMINFO_BACKLOG)) {
            table.text(",bl");
            table.unsigned(m.backlog());
        }
        if (m.has(SockDiag.SK_MEMINFO_DROPS)) {
            table.text(",d");
            table.unsigned(m.drops());
        }
        table.character(')');
    }

    static void mem(SsTable table, InetDiagMemInfo m) {
        table.text(" mem:(r");
        table.unsigned(m.rmem());
        table.text(",w");
        table.unsigned(m.wmem());
        table.text(",f");
        table.unsigned(m.fmem());
        table.text(",t");
        table.unsigned(m.tmem());
        table.character(')');
    }
}
