package io.sockscope.filter;

import io.sockscope.filter.Filter.Side;
import io.sockscope.filter.Token.Kind;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * ss's yacc grammar, parsed with an explicit stack so that it accepts exactly the same token sequences:
 *
 * <pre>
 * applet   := exprlist | (nothing)
 * exprlist := expr | exprlist '|' expr | exprlist '&amp;' expr | exprlist expr
 * expr     := '(' exprlist ')' | '!' expr | AUTOBOUND
 *           | (DST | SRC) ['='] HOST
 *           | (DPORT | SPORT) (['='] | '!=' | '&gt;=' | '&lt;=' | '&gt;' | '&lt;') HOST
 *           | DEV (['='] | '!=') DEVICE | FWMARK (['='] | '!=') MARK | CGROUP (['='] | '!=') PATH
 * </pre>
 *
 * Tokens are pulled one at a time only when the grammar needs them, in the order ss's parser pulls them,
 * so value errors and the cgroup support check happen in ss's order. The parser also counts the entries
 * ss's bison stack would hold and gives up where bison does (10000 entries, "memory exhausted"), which
 * bounds nesting without recursion.
 */
final class Parser {
    /** Bison's default {@code YYMAXDEPTH}: the parse fails when its stack reaches this many entries. */
    static final int MAX_STACK = 10_000;

    /** One open group: the top level or a '(' awaiting its ')'. */
    private static final class Group {
        final Token open;
        final Deque<Token> nots = new ArrayDeque<>();
        Filter accumulated;
        Kind operator;
        Token operatorToken;

        Group(Token open) {
            this.open = open;
        }
    }

    private final Lexer lexer;
    private final FilterEnvironment environment;
    private int depth = 1;

    Parser(Lexer lexer, FilterEnvironment environment) {
        this.lexer = lexer;
        this.environment = environment;
    }

    Optional<Filter> parseApplet() throws FilterSyntaxException {
        if (lexer.peek().kind() == Kind.END) {
            return Optional.empty();
        }
        Deque<Group> groups = new ArrayDeque<>();
        groups.push(new Group(null));
        boolean expectExpression = true;
        while (true) {
            Group g = groups.peek();
            if (expectExpression) {
                Token t = lexer.next();
                switch (t.kind()) {
                    case NOT -> {
                        push(t);
                        g.nots.push(t);
                    }
                    case OPEN -> {
                        push(t);
                        if (lexer.peek().kind() == Kind.CLOSE) {
                            throw syntax(lexer.peek(), "empty parentheses: expected a condition after '('");
                        }
                        groups.push(new Group(t));
                    }
                    default -> {
                        Filter primary = primary(t, g);
                        depth++; // the production's symbols are replaced by one 'expr'
                        complete(g, primary);
                        expectExpression = false;
                    }
                }
                continue;
            }
            Token t = lexer.peek();
            if (t.kind() == Kind.OR || t.kind() == Kind.AND) {
                lexer.next();
                push(t);
                g.operator = t.kind();
                g.operatorToken = t;
                expectExpression = true;
            } else if (t.kind().startsExpression()) {
                g.operator = Kind.AND;
                g.operatorToken = null;
                expectExpression = true;
            } else if (t.kind() == Kind.CLOSE && g.open != null) {
                lexer.next();
                push(t);
                groups.pop();
                depth -= 2; // '(' exprlist ')' becomes one 'expr'
                complete(groups.peek(), g.accumulated);
            } else if (g.open != null) {
                throw syntax(t, "expected ')' to close the '(' at column " + column(g.open) + ", got " + t.shown());
            } else if (t.kind() == Kind.END) {
                return Optional.of(g.accumulated);
            } else {
                throw syntax(t, t.kind() == Kind.CLOSE
                        ? "unexpected ')' with no matching '('"
                        : "unexpected " + t.shown() + ": expected 'and', 'or', another condition or the end");
            }
        }
    }

    /** A finished 'expr' on top of group {@code g}: apply its pending '!'s, then fold it into the list. */
    private void complete(Group g, Filter expression) {
        Filter e = expression;
        while (!g.nots.isEmpty()) {
            g.nots.pop();
            e = new Filter.Not(e);
            depth--;
        }
        if (g.accumulated == null) {
            g.accumulated = e;
        } else if (g.operator == Kind.OR) {
            g.accumulated = new Filter.Or(g.accumulated, e);
            depth -= 2;
        } else {
            g.accumulated = new Filter.And(g.accumulated, e);
            depth -= g.operatorToken == null ? 1 : 2;
        }
    }

    /** Counts one more bison stack entry, failing as bison does when the stack is full. */
    private void push(Token at) throws FilterSyntaxException {
        depth++;
        if (depth >= MAX_STACK) {
            throw new FilterSyntaxException("expression nested too deeply (ss's parser stack holds "
                    + MAX_STACK + " entries)", lexer.source(), at.offset(),
                    "ss: bison bellows (while parsing filter): \"memory exhausted!\" Sorry.\n", FilterSyntaxException.Kind.MALFORMED, true);
        }
    }

    /**
     * One keyword production, read from its first token. On return the bison stack count is back where
     * it was before the keyword (the caller adds the resulting 'expr').
     */
    private Filter primary(Token t, Group g) throws FilterSyntaxException {
        int before = depth;
        Filter f = switch (t.kind()) {
            case AUTOBOUND -> {
                push(t);
                yield new Filter.Autobound();
            }
            case DST, SRC -> {
                push(t);
                yield new Filter.Host(t.kind() == Kind.DST ? Side.REMOTE : Side.LOCAL, hostAfterEq(t));
            }
            case DPORT, SPORT -> {
                push(t);
                yield portCondition(t);
            }
            case DEV -> {
                push(t);
                yield negatable(t, Kind.DEV_VALUE, v -> new Filter.Device((Integer) v));
            }
            case FWMARK -> {
                push(t);
                yield negatable(t, Kind.MARK_VALUE, v -> (Filter.Mark) v);
            }
            case CGROUP -> {
                push(t);
                yield negatable(t, Kind.CGROUP_VALUE, v -> cgroupNode(t, (Long) v));
            }
            default -> throw syntax(t, expressionExpected(t, g));
        };
        depth = before;
        return f;
    }

    private static String expressionExpected(Token got, Group g) {
        if (got.kind() == Kind.CLOSE && g.open == null && g.nots.isEmpty() && g.accumulated == null) {
            return "unexpected ')' with no matching '('";
        }
        Token after = !g.nots.isEmpty() ? g.nots.peek()
                : g.accumulated == null ? g.open : g.operatorToken;
        String where = after == null ? "" : " after " + after.shown();
        return "expected a condition (src, dst, sport, dport, dev, fwmark, cgroup, autobound), '!' or '('"
                + where + ", got " + got.shown();
    }

    /** {@code (DST|SRC) eq HOSTCOND}: an optional '=' then the host word. */
    private HostSpec hostAfterEq(Token keyword) throws FilterSyntaxException {
        Token t = lexer.next();
        if (t.kind() == Kind.EQ) {
            push(t);
            t = lexer.next();
        } else if (t.kind() == Kind.HOST_VALUE) {
            push(t); // the empty 'eq'
        } else {
            throw syntax(t, "expected an address after " + keyword.shown()
                    + (isComparison(t.kind()) ? " (only '=' may come between them)" : "") + ", got " + t.shown());
        }
        if (t.kind() != Kind.HOST_VALUE) {
            throw syntax(t, "expected an address after " + keyword.shown() + ", got " + t.shown());
        }
        push(t);
        return (HostSpec) t.value();
    }

    private static boolean isComparison(Kind k) {
        return k == Kind.NE || k == Kind.GE || k == Kind.LE || k == Kind.GT || k == Kind.LT;
    }

    /** {@code (DPORT|SPORT) op HOSTCOND} with every comparison the grammar allows. */
    private Filter portCondition(Token keyword) throws FilterSyntaxException {
        Side side = keyword.kind() == Kind.DPORT ? Side.REMOTE : Side.LOCAL;
        Token op = lexer.next();
        Token value = op;
        if (op.kind() == Kind.EQ || isComparison(op.kind())) {
            push(op);
            value = lexer.next();
        } else if (op.kind() == Kind.HOST_VALUE) {
            push(op); // the empty 'eq'
        } else {
            throw syntax(op, "expected a port or a comparison (=, !=, <, <=, >, >=) after " + keyword.shown()
                    + ", got " + op.shown());
        }
        if (value.kind() != Kind.HOST_VALUE) {
            throw syntax(value, "expected a port after " + (value == op ? keyword : op).shown() + ", got "
                    + value.shown());
        }
        push(value);
        HostSpec spec = (HostSpec) value.value();
        return switch (op.kind()) {
            case GE -> new Filter.PortAtLeast(side, spec);
            case LE -> new Filter.PortAtMost(side, spec);
            case GT -> new Filter.Not(new Filter.PortAtMost(side, spec));
            case LT -> new Filter.Not(new Filter.PortAtLeast(side, spec));
            case NE -> new Filter.Not(new Filter.Host(side, spec));
            default -> new Filter.Host(side, spec);
        };
    }

    /** Builds a node from a value token. */
    @FunctionalInterface
    private interface NodeMaker {
        Filter make(Object value) throws FilterSyntaxException;
    }

    /** {@code KEYWORD eq VALUE} or {@code KEYWORD NEQ VALUE}. */
    private Filter negatable(Token keyword, Kind valueKind, NodeMaker maker) throws FilterSyntaxException {
        Token op = lexer.next();
        Token value = op;
        if (op.kind() == Kind.EQ || op.kind() == Kind.NE) {
            push(op);
            value = lexer.next();
        } else if (op.kind() == valueKind) {
            push(op); // the empty 'eq'
        } else {
            throw syntax(op, "expected " + valueKind.description() + " after " + keyword.shown()
                    + (isComparison(op.kind()) ? " (only '=' or '!=' may come between them)" : "")
                    + ", got " + op.shown());
        }
        if (value.kind() != valueKind) {
            throw syntax(value, "expected " + valueKind.description() + " after "
                    + (value == op ? keyword : op).shown() + ", got " + value.shown());
        }
        push(value);
        Filter node = maker.make(value.value());
        return op.kind() == Kind.NE ? new Filter.Not(node) : node;
    }

    /** ss refuses a cgroup node when the kernel cannot filter by cgroup (checked as the node is built). */
    private Filter cgroupNode(Token keyword, long id) throws FilterSyntaxException {
        if (!environment.cgroupFilterSupported()) {
            throw new FilterSyntaxException("cgroup filters are not supported by this kernel", lexer.source(),
                    keyword.offset(), "It looks like such filter is not supported! Too old kernel?\n", FilterSyntaxException.Kind.UNSUPPORTED, false);
        }
        return new Filter.Cgroup(id);
    }

    private int column(Token t) {
        String s = lexer.source();
        int lineStart = t.offset() == 0 ? 0 : s.lastIndexOf('\n', t.offset() - 1) + 1;
        return t.offset() - lineStart + 1;
    }

    private FilterSyntaxException syntax(Token at, String reason) {
        return new FilterSyntaxException(reason, lexer.source(), at.offset(),
                "ss: bison bellows (while parsing filter): \"syntax error!\" Sorry.\n", FilterSyntaxException.Kind.MALFORMED, true);
    }
}
