package io.sockscope.filter;

import io.sockscope.filter.Token.Kind;

import java.util.Map;

/**
 * ss's {@code yylex}: turns raw tokens into grammar tokens. Operators and keywords are recognised by their
 * exact spelling; any other word is a value, read according to the last keyword seen (ss keeps that in a
 * variable that is never reset): after {@code dev} an interface, after {@code fwmark} a mark, after
 * {@code cgroup} a cgroup path, otherwise a host condition — a port word after {@code sport}/{@code dport}.
 * The value is read as soon as the word is, so a bad value is reported even where the grammar would not
 * have accepted any value.
 */
final class Lexer {
    private static final Map<String, Kind> WORDS = Map.ofEntries(
            Map.entry("!", Kind.NOT), Map.entry("not", Kind.NOT),
            Map.entry("&", Kind.AND), Map.entry("&&", Kind.AND), Map.entry("and", Kind.AND),
            Map.entry("|", Kind.OR), Map.entry("||", Kind.OR), Map.entry("or", Kind.OR),
            Map.entry("(", Kind.OPEN), Map.entry(")", Kind.CLOSE),
            Map.entry("dst", Kind.DST), Map.entry("src", Kind.SRC),
            Map.entry("dport", Kind.DPORT), Map.entry("sport", Kind.SPORT),
            Map.entry("dev", Kind.DEV), Map.entry("fwmark", Kind.FWMARK), Map.entry("cgroup", Kind.CGROUP),
            Map.entry(">=", Kind.GE), Map.entry("ge", Kind.GE), Map.entry("geq", Kind.GE),
            Map.entry("<=", Kind.LE), Map.entry("le", Kind.LE), Map.entry("leq", Kind.LE),
            Map.entry("!=", Kind.NE), Map.entry("ne", Kind.NE), Map.entry("neq", Kind.NE),
            Map.entry("=", Kind.EQ), Map.entry("==", Kind.EQ), Map.entry("eq", Kind.EQ),
            Map.entry(">", Kind.GT), Map.entry("gt", Kind.GT),
            Map.entry("<", Kind.LT), Map.entry("lt", Kind.LT),
            Map.entry("autobound", Kind.AUTOBOUND));

    private final TokenReader reader;
    private final HostConditionParser hosts;
    private final FilterEnvironment environment;
    private Kind mode;
    private Token peeked;

    Lexer(TokenReader reader, HostConditionParser hosts, FilterEnvironment environment) {
        this.reader = reader;
        this.hosts = hosts;
        this.environment = environment;
    }

    String source() {
        return reader.source();
    }

    /** The next token without consuming it (reading it if need be). */
    Token peek() throws FilterSyntaxException {
        if (peeked == null) {
            peeked = read();
        }
        return peeked;
    }

    /** The next token, consumed. */
    Token next() throws FilterSyntaxException {
        Token t = peek();
        peeked = null;
        return t;
    }

    private Token read() throws FilterSyntaxException {
        TokenReader.RawToken raw = reader.next();
        if (raw == null) {
            return new Token(Kind.END, "", reader.source().length(), null);
        }
        String text = raw.text();
        Kind kind = WORDS.get(text);
        if (kind != null) {
            switch (kind) {
                case DST, SRC, DPORT, SPORT, DEV, FWMARK, CGROUP, AUTOBOUND -> mode = kind;
                default -> { }
            }
            return new Token(kind, text, raw.offset(), null);
        }
        if (mode == Kind.DEV) {
            return new Token(Kind.DEV_VALUE, text, raw.offset(), device(text, raw.offset()));
        }
        if (mode == Kind.FWMARK) {
            return new Token(Kind.MARK_VALUE, text, raw.offset(), mark(text, raw.offset()));
        }
        if (mode == Kind.CGROUP) {
            return new Token(Kind.CGROUP_VALUE, text, raw.offset(), cgroup(text, raw.offset()));
        }
        boolean portWord = mode == Kind.SPORT || mode == Kind.DPORT;
        HostSpec spec = hosts.parse(text, portWord, raw.offset());
        return new Token(Kind.HOST_VALUE, text, raw.offset(), spec);
    }

    /** {@code parse_devcond}: a known interface name, {@code ifN}, or a number up to 2^32 - 1. */
    private Integer device(String name, int offset) throws FilterSyntaxException {
        int index = interfaceIndex(environment, name);
        if (index != 0) {
            return index;
        }
        CNumbers.Conversion c = CNumbers.strtoul(name, 0, 0);
        if (c.consumedNothing(0) || c.end() != name.length() || Long.compareUnsigned(c.value(), 0xFFFF_FFFFL) > 0) {
            throw new FilterSyntaxException("expected an interface name or index after 'dev', got \"" + name
                    + "\" (no such interface)", reader.source(), offset, "Cannot parse device.\n", FilterSyntaxException.Kind.UNRESOLVED, false);
        }
        return (int) c.value();
    }

    /** iproute2's {@code ll_name_to_index}: the environment's answer, else the {@code ifN} spelling. */
    static int interfaceIndex(FilterEnvironment environment, String name) {
        int index = environment.interfaceIndex(name);
        if (index != 0) {
            return index;
        }
        if (name.startsWith("if")) {
            CNumbers.ScanResult r = CNumbers.scanInt(name, 2, 10);
            if (r != null) {
                return r.value();
            }
        }
        return 0;
    }

    /** {@code parse_markmask}: {@code sscanf("%i/%i")} when there is a slash, else {@code "%i"}. */
    private Filter.Mark mark(String text, int offset) throws FilterSyntaxException {
        if (text.indexOf('/') >= 0) {
            int[] pair = CNumbers.scanIntSlashInt(text);
            if (pair != null) {
                return new Filter.Mark(pair[0], pair[1]);
            }
        } else {
            CNumbers.ScanResult value = CNumbers.scanInt(text, 0, 0);
            if (value != null) {
                return new Filter.Mark(value.value(), -1);
            }
        }
        throw new FilterSyntaxException("expected a mark as NUMBER or NUMBER/MASK after 'fwmark', got \"" + text
                + "\"", reader.source(), offset, "Cannot parse mark " + text + ".\n", FilterSyntaxException.Kind.UNRESOLVED, false);
    }

    /** {@code parse_cgroupcond}: the environment resolves the path to a non-zero id. */
    private Long cgroup(String path, int offset) throws FilterSyntaxException {
        FilterEnvironment.CgroupLookup lookup = environment.cgroupId(path);
        if (lookup == null || lookup.id() == 0) {
            String diagnostic = lookup == null || lookup.diagnostic() == null ? "" : lookup.diagnostic();
            if (!diagnostic.isEmpty() && !diagnostic.endsWith("\n")) {
                diagnostic += "\n";
            }
            // ss's own lines say why (no cgroup2 mount, no such path under it…): worth repeating.
            String why = diagnostic.isEmpty() ? "" : ": " + diagnostic.strip().replace("\n", "; ");
            throw new FilterSyntaxException("expected a cgroup v2 path after 'cgroup', got \"" + path
                    + "\" (no such cgroup" + why + ")", reader.source(), offset,
                    diagnostic + "Cannot parse cgroup " + path + ".\n", FilterSyntaxException.Kind.UNRESOLVED, false);
        }
        return lookup.id();
    }
}
