package io.sockscope.filter;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Refused filters: where the error points, what it says was expected, and what ss prints. */
class ParserErrorTest {
    private static final String SYNTAX = "ss: bison bellows (while parsing filter): \"syntax error!\" Sorry.\n";
    private static final String ADDRESS = "Cannot parse dst/src address.\n";

    /** {expression, column, text the reason contains, ss's stderr (before usage), exit status}. */
    private static final Object[][] TABLE = {
        {"dport =", 8, "expected a port after '=', got end of input", SYNTAX, 255},
        {"dport", 6, "expected a port or a comparison", SYNTAX, 255},
        {"dst != 1.2.3.4", 5, "only '=' may come between them", SYNTAX, 255},
        {"dev >= lo", 5, "only '=' or '!=' may come between them", SYNTAX, 255},
        {"( dport = :22", 14, "expected ')' to close the '(' at column 1", SYNTAX, 255},
        {"( )", 3, "empty parentheses", SYNTAX, 255},
        {")", 1, "unexpected ')' with no matching '('", SYNTAX, 255},
        {"autobound )", 11, "unexpected ')' with no matching '('", SYNTAX, 255},
        {"autobound and", 14, "expected a condition (src, dst, sport, dport, dev, fwmark, cgroup, autobound), '!' or '(' after 'and', got end of input", SYNTAX, 255},
        {"not", 4, "after 'not'", SYNTAX, 255},
        {"( ! )", 5, "after '!', got ')'", SYNTAX, 255},
        {"autobound 10.0.0.1", 11, "unexpected \"10.0.0.1\"", SYNTAX, 255},
        {"src 1.2.3.4 = 5", 13, "unexpected '='", SYNTAX, 255},
        {"foo", 1, "expected an address, prefix or host name, got \"foo\"",
            "Error: an inet prefix is expected rather than \"foo\".\n" + ADDRESS, 1},
        {"dport = :foo", 9, "expected a port number or service name, got \"foo\"",
            "Error: \"foo\" does not look like a port.\n" + ADDRESS, 1},
        {"sport = :dual", 9, "names different ports", "Error: ambiguous port \"dual\".\n" + ADDRESS, 1},
        {"dst ::1", 5, "got \":\"", "Error: an inet prefix is expected rather than \":\".\n" + ADDRESS, 1},
        {"src [::1", 5, "expected ']'", ADDRESS, 1},
        {"src 10.0.0.0/33", 5, "got \"10.0.0.0/33\"",
            "Error: an inet prefix is expected rather than \"10.0.0.0/33\".\n" + ADDRESS, 1},
        {"src link:nosuch", 5, "link-layer protocol", ADDRESS, 1},
        {"src link:ip:nosuch", 5, "interface name or index", ADDRESS, 1},
        {"src netlink:256", 5, "netlink protocol", ADDRESS, 1},
        {"src netlink:rtnl:me", 5, "'kernel'", ADDRESS, 1},
        {"src vsock:x", 5, "vsock CID", ADDRESS, 1},
        {"src vsock:1:", 5, "vsock port", ADDRESS, 1},
        {"src unix:x or src 1.2.3.4 or src inet:::1", 34, "got \":\"",
            "Error: an inet prefix is expected rather than \":\".\n" + ADDRESS, 1},
        {"dev nosuch", 5, "no such interface", "Cannot parse device.\n", 1},
        {"dev lo dev0", 8, "no such interface", "Cannot parse device.\n", 1},
        {"fwmark x", 8, "NUMBER or NUMBER/MASK", "Cannot parse mark x.\n", 1},
        {"fwmark 1/", 8, "NUMBER or NUMBER/MASK", "Cannot parse mark 1/.\n", 1},
        {"cgroup /nope", 8, "no such cgroup",
            "Failed to get cgroup2 ID: No such file or directory\nCannot parse cgroup /nope.\n", 1},
        {"autobound foo:bar", 11, "got \"bar\"", "Error: \"bar\" does not look like a port.\n" + ADDRESS, 1},
        {"src\\ gw", 1, "got \"src gw\"", "Error: an inet prefix is expected rather than \"src gw\".\n" + ADDRESS, 1},
    };

    @TestFactory
    Stream<DynamicTest> table() {
        return Stream.of(TABLE).map(row -> DynamicTest.dynamicTest((String) row[0], () -> {
            FilterSyntaxException e = assertThrows(FilterSyntaxException.class, () -> ParserTableTest.parse((String) row[0]));
            assertEquals(row[1], e.column(), e.getMessage());
            assertTrue(e.reason().contains((String) row[2]), e.reason());
            assertEquals(row[3], e.ssStderr());
            assertEquals(row[4], SsExitStatus.of(e));
            assertEquals(row[3] == SYNTAX, e.ssPrintsUsage());
            assertEquals(List.of((String) row[0]).get(0), e.source());
            assertTrue(e.getMessage().endsWith(" at column " + row[1]), e.getMessage());
        }));
    }
}
