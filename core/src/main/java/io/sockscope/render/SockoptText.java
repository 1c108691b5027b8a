package io.sockscope.render;

import io.sockscope.model.InetSocketOptions;

/**
 * ss's {@code --inet-sockopt} text: {@code inet-sockopt: ( WORD WORD…)} with a word for each option that is
 * set, in the struct's order, on an indented continuation line of its own unless {@code -O}. The words are
 * ss's: the kernel's field names, but {@code bind_addr_no_port} for {@code bind_address_no_port}.
 */
final class SockoptText {
    private SockoptText() {
    }

    static void write(SsTable table, InetSocketOptions o, boolean oneLine) {
        table.text(oneLine ? " inet-sockopt: (" : "\n\tinet-sockopt: (");
        word(table, o.recverr(), " recverr");
        word(table, o.isIcsk(), " is_icsk");
        word(table, o.freebind(), " freebind");
        word(table, o.hdrincl(), " hdrincl");
        word(table, o.mcLoop(), " mc_loop");
        word(table, o.transparent(), " transparent");
        word(table, o.mcAll(), " mc_all");
        word(table, o.nodefrag(), " nodefrag");
        word(table, o.bindAddressNoPort(), " bind_addr_no_port");
        word(table, o.recverrRfc4884(), " recverr_rfc4884");
        word(table, o.deferConnect(), " defer_connect");
        table.character(')');
    }

    private static void word(SsTable table, boolean set, String word) {
        if (set) {
            table.text(word);
        }
    }
}
