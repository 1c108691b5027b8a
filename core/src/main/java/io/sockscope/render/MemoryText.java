package io.sockscope.render;

import io.sockscope.model.InetMemory;
import io.sockscope.model.SocketMemory;

/**
 * ss's memory texts ({@code print_skmeminfo}): {@code skmem:(r…,rb…,t…,tb…,f…,w…,o…[,bl…][,d…])} from the
 * socket memory array, the backlog and drop counts only when the kernel sent that far, and the older
 * {@code mem:(r…,w…,f…,t…)} from {@code inet_diag_meminfo} for inet replies without the array.
 */
final class MemoryText {
    private MemoryText() {
    }

    static void skmem(SsTable table, SocketMemory m) {
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
        if (m.hasBacklog()) {
            table.text(",bl");
            table.unsigned(m.backlog());
        }
        if (m.hasDrops()) {
            table.text(",d");
            table.unsigned(m.drops());
        }
        table.character(')');
    }

    static void mem(SsTable table, InetMemory m) {
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
