package io.sockscope.procmap;

import io.sockscope.model.Owner;

import java.util.List;

/** ss's {@code users:(...)} text for a list of owners, to compare a scan with what ss prints. */
final class SsUsers {
    private SsUsers() {
    }

    /** The text ss prints after a socket, without the leading space; "" when there are no owners. */
    static String format(List<Owner> owners, boolean threads) {
        if (owners.isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder("users:(");
        for (int i = 0; i < owners.size(); i++) {
            Owner owner = owners.get(i);
            text.append(i == 0 ? "" : ",").append("(\"").append(owner.command().text()).append("\",pid=")
                    .append(owner.pid());
            if (threads) {
                text.append(",tid=").append(owner.tid());
            }
            text.append(",fd=").append(owner.fd()).append(')');
        }
        return text.append(')').toString();
    }
}
