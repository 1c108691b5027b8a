package io.sockscope.filter;

import io.sockscope.model.AddressFamily;
import io.sockscope.model.InetEndpoint;
import io.sockscope.model.InetSocket;
import io.sockscope.model.SocketTable;
import io.sockscope.model.Timer;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Property: for random expressions and random inet sockets, the kernel running the compiled bytecode (as
 * {@link InetDiagInterpreter} models {@code inet_diag_bc_run}) and the userspace evaluator give the same
 * answer, and the kernel's audit accepts every program. The domain leaves out the documented points where
 * the two meanings differ (see {@link BytecodeCompiler}), which {@link #documentedDivergences} pins down.
 * Sockets count as autobound for the kernel (no bind lock) exactly when their port is ephemeral.
 */
class BytecodeAgreementTest {
    private static final EphemeralPortRange EPHEMERAL = new EphemeralPortRange(32768, 60999);

    /**
     * Prefixes whose leading bits never coincide with another family's addresses in the socket pool. No
     * {@code inet:}/{@code inet6:} words: they switch the preferred family, and a later word of the other
     * family is then refused (as ss refuses it).
     */
    private static final String[] HOSTS = {
        "10.0.0.0/8", "10.1.0.0/16", "10.1.2.3", "127.0.0.1", "127.0.0.0/8", "192.168.0.0/16", "192.168.1.5:443",
        "10.1.2.3:22", "[2001:db8::1]", "[2001:db8::1]:80", "2001:db8::/32", "fe80::/10", "[::1]", "[::1]:22",
        "::ffff:10.0.0.0/104", "[::ffff:10.1.2.3]", "*", "*:22", ":80", "*:*", "gw", "gw:443",
        "10.1.2.3/255.255.255.0", "127.1", "[fe80::1]:8080",
    };
    private static final String[] PORTS = {":22", "22", ":80", ":443", "1024", ":32768", ":60999", ":65535", ":0",
        ":1", "0x50", ":ssh", "[443]", "[:80]"};

    static MapEnvironment environment() throws Exception {
        return new MapEnvironment().service("ssh", "tcp", 22)
                .host("gw", AddressFamily.INET, InetAddress.getByName("10.1.2.3").getAddress())
                .cgroup("/a", 77).iface("lo", 1);
    }

    static List<InetSocket> sockets(Random random) throws Exception {
        String[] v4 = {"10.1.2.3", "10.9.9.9", "127.0.0.1", "192.168.1.5", "192.168.7.7", "0.0.0.0"};
        String[] v6 = {"2001:db8::1", "2001:db8::2", "::1", "fe80::1", "::ffff:10.1.2.3", "::ffff:127.0.0.1", "::",
            "::ffff:192.168.1.5"};
        int[] ports = {0, 1, 22, 80, 443, 1023, 1024, 8080, 32767, 32768, 40000, 60999, 61000, 65535};
        List<InetSocket> out = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            boolean six = random.nextBoolean();
            String[] pool = six ? v6 : v4;
            byte[] local = InetAddress.getByName(pool[random.nextInt(pool.length)]).getAddress();
            byte[] peer = InetAddress.getByName(pool[random.nextInt(pool.length)]).getAddress();
            if (six) {
                local = v6Bytes(local);
                peer = v6Bytes(peer);
            }
            out.add(new InetSocket(SocketTable.TCP, six ? AddressFamily.INET6 : AddressFamily.INET, 1, 0, 0,
                    new InetEndpoint(local, ports[random.nextInt(ports.length)]),
                    new InetEndpoint(peer, ports[random.nextInt(ports.length)]),
                    random.nextInt(3), 1000 + i, 0, i, Timer.OFF, 0, -1, -1,
                    new int[] {0, 1, 0x10, 0x13, 0xffffffff, 0x80000010}[random.nextInt(6)],
                    new long[] {0, 77, 78}[random.nextInt(3)], -1, null, null));
        }
        return out;
    }

    /** Java hands back v4-mapped addresses as 4 bytes; sockets of family inet6 carry 16. */
    private static byte[] v6Bytes(byte[] a) {
        if (a.length == 16) {
            return a;
        }
        byte[] m = new byte[16];
        m[10] = (byte) 0xFF;
        m[11] = (byte) 0xFF;
        System.arraycopy(a, 0, m, 12, 4);
        return m;
    }

    static InetDiagInterpreter.Entry entry(InetSocket s) {
        int locks = EPHEMERAL.contains(s.local().port()) ? 0 : InetDiagInterpreter.SOCK_BINDPORT_LOCK;
        return new InetDiagInterpreter.Entry(s.family(), s.local().address(), s.peer().address(), s.local().port(),
                s.peer().port(), s.ifindex(), locks, s.mark(), s.cgroupId());
    }

    @Test
    void kernelAndUserspaceAgreeOnRandomExpressions() throws Exception {
        long seed = 0x55F1_17E2L;
        Random random = new Random(seed);
        MapEnvironment env = environment();
        List<InetSocket> sockets = sockets(random);
        RandomExpressions gen = new RandomExpressions(random, HOSTS, PORTS, new String[] {"cgroup /a",
            "cgroup != /a"});
        int compared = 0;
        int accepted = 0;
        for (int i = 0; i < 4000; i++) {
            String text = gen.expression(1 + random.nextInt(4));
            Filter filter = Filters.parse(List.of(text), new ParseContext(AddressFamily.UNSPEC, true, false, env))
                    .expression().orElseThrow();
            BytecodePlan.Program program = assertInstanceOf(BytecodePlan.Program.class,
                    BytecodeCompiler.compile(filter), text);
            assertTrue(program.kernelAccepts() && program.exact(), text);
            byte[] bytes = program.bytes();
            assertNull(InetDiagInterpreter.audit(bytes, true), () -> "kernel refuses program for " + text);
            FilterEvaluator evaluator = FilterEvaluator.of(filter, EPHEMERAL);
            for (InetSocket s : sockets) {
                boolean kernel = InetDiagInterpreter.run(bytes, entry(s));
                boolean user = evaluator.matches(s);
                if (kernel != user) {
                    throw new AssertionError("seed " + seed + ": '" + text + "' on " + FilterSubject.of(s)
                            + ": kernel " + kernel + ", userspace " + user + "; tree " + Filters.describe(filter));
                }
                compared++;
                accepted += user ? 1 : 0;
            }
        }
        assertTrue(accepted > compared / 20 && accepted < compared * 19 / 20,
                "both outcomes are well represented: " + accepted + " of " + compared);
    }

    private static boolean kernel(String expression, InetSocket s) throws Exception {
        Filter f = Filters.parse(List.of(expression), ParseContext.defaults(environment())).expression().orElseThrow();
        return InetDiagInterpreter.run(((BytecodePlan.Program) BytecodeCompiler.compile(f)).bytes(), entry(s));
    }

    private static boolean user(String expression, InetSocket s) throws Exception {
        Filter f = Filters.parse(List.of(expression), ParseContext.defaults(environment())).expression().orElseThrow();
        return FilterEvaluator.of(f, EPHEMERAL).matches(s);
    }

    private static InetSocket socket(String local, int localPort, String peer, int peerPort) throws Exception {
        byte[] l = InetAddress.getByName(local).getAddress();
        byte[] p = InetAddress.getByName(peer).getAddress();
        boolean six = local.contains(":");
        if (six) {
            l = v6Bytes(l);
            p = v6Bytes(p);
        }
        return new InetSocket(SocketTable.TCP, six ? AddressFamily.INET6 : AddressFamily.INET, 1, 0, 0,
                new InetEndpoint(l, localPort), new InetEndpoint(p, peerPort), 0, 1, 0, 1, Timer.OFF, 0, -1, -1, 0, 0, -1,
                null, null);
    }

    @Test
    void documentedDivergences() throws Exception {
        InetSocket v6 = socket("2001:db8::1", 40000, "2001:db8::2", 22);
        InetSocket v4 = socket("10.0.0.1", 22, "10.0.0.2", 40000);
        // A family-carrying condition with prefix length 0: ss skips the address, the kernel checks family.
        assertTrue(user("src 0.0.0.0/0", v6));
        assertFalse(kernel("src 0.0.0.0/0", v6));
        // Leading bits compared across families: 32.1/16 are the first bytes of 2001:db8::.
        assertTrue(user("src 32.1.0.0/16", v6));
        assertFalse(kernel("src 32.1.0.0/16", v6));
        assertTrue(user("src 0a00::/8", v4));
        assertFalse(kernel("src 0a00::/8", v4));
        // A port comparison without a port: -1 in ss, 65535 in the 16-bit kernel field.
        assertTrue(user("sport >= *", v4));
        assertFalse(kernel("sport >= *", v4));
        // autobound: the kernel looks at the bind lock (here: set iff not ephemeral), ss at the range.
        InetSocket bound = socket("10.0.0.1", 40000, "10.0.0.2", 1);
        InetDiagInterpreter.Entry locked = new InetDiagInterpreter.Entry(2, bound.local().address(),
                bound.peer().address(), 40000, 1, 0, InetDiagInterpreter.SOCK_BINDPORT_LOCK, 0, 0);
        Filter auto = new Filter.Autobound();
        assertTrue(FilterEvaluator.of(auto, EPHEMERAL).matches(bound));
        assertFalse(InetDiagInterpreter.run(((BytecodePlan.Program) BytecodeCompiler.compile(auto)).bytes(), locked));
    }

    @Test
    void severalAddressesForOneNameAreAllTestedInUserspaceButOnlyTheFirstInTheKernel() throws Exception {
        MapEnvironment env = new MapEnvironment()
                .host("two", AddressFamily.INET, InetAddress.getByName("10.0.0.1").getAddress())
                .host("two", AddressFamily.INET, InetAddress.getByName("10.0.0.2").getAddress());
        Filter f = Filters.parse(List.of("dst two"), ParseContext.defaults(env)).expression().orElseThrow();
        InetSocket toSecond = socket("10.0.0.9", 5000, "10.0.0.2", 80);
        InetSocket toFirst = socket("10.0.0.9", 5000, "10.0.0.1", 80);
        byte[] bc = ((BytecodePlan.Program) BytecodeCompiler.compile(f)).bytes();
        assertEquals(16 + 4 + 16, bc.length, "two ops joined by a jump");
        assertTrue(FilterEvaluator.of(f, EPHEMERAL).matches(toSecond));
        assertFalse(InetDiagInterpreter.run(bc, entry(toSecond)));
        assertTrue(InetDiagInterpreter.run(bc, entry(toFirst)));
    }
}
