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
        assertEquals("""
                State Recv-Q Send-Q Local Address:Port Peer Address:PortProcess
                UNCONN 0 0 rtnl:kernel *
                UNCONN 832 0 tcpdiag:kernel *
                UNCONN 0 0 fiblookup:kernel *
                """, OwnSockDiagLines.normalised(SS));
    }

    @Test
    void anyOtherDifferenceSurvivesNormalisation() {
        String otherQueue = JAVA.replace("UNCONN 832 ", "UNCONN 833 ");
        assertFalse(OwnSockDiagLines.normalised(SS).equals(OwnSockDiagLines.normalised(otherQueue)));
        assertFalse(OwnSockDiagLines.presentIn("State Recv-Q\nUNCONN 0 0 rtnl:kernel *\n"));
    }
}
