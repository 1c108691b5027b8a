package io.sockscope.netlink;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Error and done decoding against the kernel's own error replies. */
class NetlinkErrorTest {
    private static byte[] only(String fixture) {
        List<Golden.Message> messages = Golden.messages(Golden.reply(fixture));
        assertEquals(1, messages.size());
        return messages.getFirst().whole();
    }

    @Test
    void extendedAckTextIsRead() throws Exception {
        byte[] message = only("rtnetlink-extack.bin");
        assertEquals(NetlinkHeader.NLM_F_ACK_TLVS, NetlinkHeader.flags(message, 0));
        NetlinkError error = errorOf(message);
        assertEquals(95, error.errno());
        assertEquals("Unknown device type", error.extAckMessage());
        assertEquals(-1, error.extAckOffset());
    }

    @Test
    void errorWithoutExtendedAck() throws Exception {
        NetlinkError error = errorOf(only("dccp-legacy-einval.bin"));
        assertEquals(-22, error.error());
        assertNull(error.extAckMessage());
    }

    @Test
    void doneCarriesTheDumpError() throws Exception {
        assertEquals(2, doneOf(only("raw4-enoent.bin")).errno());
        assertEquals(0, doneOf(only("mptcp4.bin")).errno());
    }

    @Test
    void cappedErrorHasItsAttributesRightAfterTheEchoedHeader() throws Exception {
        // The extended-ack reply as a kernel with NETLINK_CAP_ACK would send it: the echoed request cut to
        // its header, NLM_F_CAPPED set, the same attributes following.
        byte[] real = Golden.bytes("replies/rtnetlink-extack.bin");
        int attributes = NetlinkHeader.SIZE + NetlinkError.NLMSGERR_SIZE + 0x40 - NetlinkHeader.SIZE;
        byte[] capped = new byte[NetlinkHeader.SIZE + NetlinkError.NLMSGERR_SIZE + (real.length - attributes)];
        System.arraycopy(real, 0, capped, 0, NetlinkHeader.SIZE + NetlinkError.NLMSGERR_SIZE);
        System.arraycopy(real, attributes, capped, NetlinkHeader.SIZE + NetlinkError.NLMSGERR_SIZE,
                real.length - attributes);
        NetlinkHeader.write(capped, 0, capped.length, NetlinkHeader.NLMSG_ERROR,
                NetlinkHeader.NLM_F_ACK_TLVS | NetlinkHeader.NLM_F_CAPPED, 1, 1);
        assertEquals("Unknown device type", errorOf(capped).extAckMessage());
    }

    @Test
    void truncatedMessagesAreRejected() {
        byte[] real = Golden.bytes("replies/rtnetlink-extack.bin");
        assertThrows(MalformedMessageException.class,
                () -> errorOf(Arrays.copyOf(real, 35)));
        assertThrows(MalformedMessageException.class,
                () -> doneOf(Arrays.copyOf(real, 19)));
    }

    private static NetlinkError errorOf(byte[] message) throws MalformedMessageException {
        return NetlinkError.ofErrorMessage(message, 0, message.length);
    }

    private static NetlinkError doneOf(byte[] message) throws MalformedMessageException {
        return NetlinkError.ofDoneMessage(message, 0, message.length);
    }
}
