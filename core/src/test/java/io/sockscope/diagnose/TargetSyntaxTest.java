package io.sockscope.diagnose;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** How the doctor reads its target: the forms it takes, and the ones it refuses with a reason. */
class TargetSyntaxTest {
    @Test
    void takesEveryDocumentedForm() throws Exception {
        assertEquals(8080, assertInstanceOf(InetTarget.class, TargetSyntax.parse("8080", Transport.TCP)).port());
        InetTarget v6 = assertInstanceOf(InetTarget.class, TargetSyntax.parse("[::1]:80", Transport.TCP));
        assertEquals(InetAddress.ofLiteral("::1"), v6.address());
        InetTarget v4 = assertInstanceOf(InetTarget.class, TargetSyntax.parse("127.0.0.1:80", Transport.UDP));
        assertEquals(InetAddress.ofLiteral("127.0.0.1"), v4.address());
        assertInstanceOf(UnixTarget.class, TargetSyntax.parse("unix:/run/x.sock", Transport.TCP));
    }

    @Test
    void refusesBracketsThatAreNotTheTargetsOwn() {
        for (String text : List.of("[[::1]]:80", "[[::1]:80", "[::1]]:80", "[]:80", "[127.0.0.1]:80", "[fe80::1%1]:80",
                "::1:80", "0", "70000", "unix:", "[::1]", "host:80")) {
            assertThrows(TargetSyntaxException.class, () -> TargetSyntax.parse(text, Transport.TCP), text);
        }
    }
}
