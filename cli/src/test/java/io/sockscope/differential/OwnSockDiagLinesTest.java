package io.sockscope.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OwnSockDiagLinesTest {

    // Captured from `ss -a -f netlink` in a fresh namespace (ss's own socket is the widest address).
    private static final String SS = """
            State  Recv-Q Send-Q Local Address:Port    Peer Address:PortProcess
            UNCONN 0      0               rtnl:kernel              *          \s
            UNCONN 4352   0            tcpdiag:ss/5094             *          \s
            UNCONN 832    0            tcpdiag:kernel              *          \s
            UNCONN 0      0          fiblookup:kernel              *          \s
            """;
    private static final String JAVA = """
            State  Recv-Q Send-Q Local Address:Port      Peer Address:PortProcess
            UNCONN 0      0               rtnl:kernel                *          \s
            UNCONN 832    0            tcpdiag:kernel                *          \s
            UNCONN 4352   0          tcpdiag:java/123456             *          \s
            UNCONN 0      0          fiblookup:kernel                *          \s
            """;

    @Test
    void listerSocketsAreFoundInNamedAndNumericForm() {
        assertTrue(OwnSockDiagLines.isOwnSockDiag("UNCONN 4352 0 tcpdiag:ss/5094 *"));
        assertTrue(OwnSockDiagLines.isOwnSockDiag("nl UNCONN 4352 0 4:5095 *"));
        assertTrue(OwnSockDiagLines.isOwnSockDiag("UNCONN 4352 0 tcpdiag:-4097 *"));
        assertFalse(OwnSockDiagLines.isOwnSockDiag("UNCONN 832 0 tcpdiag:kernel *"));
        assertFalse(OwnSockDiagLines.isOwnSockDiag("nl UNCONN 832 0 4:0 *"));
        assertFalse(OwnSockDiagLines.isOwnSockDiag("UNCONN 0 0 rtnl:python3/77 *"));
        assertFalse(OwnSockDiagLines.isOwnSockDiag("tcp LISTEN 0 128 127.0.0.1:4 0.0.0.0:*"));
    }

    @Test
    void listingsThatDifferOnlyInTheListerAgreeOnceNormalised() {
        assertTrue(OwnSockDiagLines.presentIn(SS));
        assertEquals(OwnSockDiagLines.normalised(SS), OwnSockDiagLines.normalised(JAVA.replace(
                "UNCONN 832    0            tcpdiag:kernel                *          \s\n", "")
                .replace("UNCONN 0      0               rtnl:kernel                *          \s\n",
                        "UNCONN 0      0               rtnl:kernel                *          \s\n"
                        + "UNCONN 832    0            tcpdiag:kernel                *          \s\n")));
        // Netlink rows are compared as a set (sorted in place): the kernel may rehash its table between runs.
        assertEquals("""
                State Recv-Q Send-Q Local Address:Port Peer Address:PortProcess
                UNCONN 0 0 fiblookup:kernel *
                UNCONN 0 0 rtnl:kernel *
                UNCONN 832 0 tcpdiag:kernel *
                """, OwnSockDiagLines.normalised(SS));
    }

    @Test
    void reorderedNetlinkRowsAgreeButOtherTablesKeepTheirOrder() {
        String first = "Netid State Recv-Q\nnl UNCONN 0 genl:kernel *\nnl UNCONN 0 4:77 *\nnl UNCONN 0 rtnl:kernel *\n"
                + "tcp LISTEN 0 b\ntcp LISTEN 0 a\n";
        String second = "Netid State Recv-Q\nnl UNCONN 0 rtnl:kernel *\nnl UNCONN 0 genl:kernel *\n"
                + "tcp LISTEN 0 b\ntcp LISTEN 0 a\n";
        assertEquals(OwnSockDiagLines.normalised(first), OwnSockDiagLines.normalised(second));
        String swappedTcp = second.replace("tcp LISTEN 0 b\ntcp LISTEN 0 a\n", "tcp LISTEN 0 a\ntcp LISTEN 0 b\n");
        assertFalse(OwnSockDiagLines.normalised(first).equals(OwnSockDiagLines.normalised(swappedTcp)));
    }

    @Test
    void anyOtherDifferenceSurvivesNormalisation() {
        String otherQueue = JAVA.replace("UNCONN 832 ", "UNCONN 833 ");
        assertFalse(OwnSockDiagLines.normalised(SS).equals(OwnSockDiagLines.normalised(otherQueue)));
        assertFalse(OwnSockDiagLines.presentIn("State Recv-Q\nUNCONN 0 0 rtnl:kernel *\n"));
    }
}
