package io.sockscope.filter;

/**
 * One classified token of a filter expression.
 *
 * @param kind   what the token is
 * @param text   its text as written (escapes removed); empty for {@link Kind#END}
 * @param offset offset of its first character in the source
 * @param value  for value tokens, what the word was read as ({@link HostSpec}, an {@link Integer}
 *               interface index, a {@link Filter.Mark} or a {@link Long} cgroup id); otherwise null
 */
record Token(Kind kind, String text, int offset, Object value) {

    /** Token kinds, named after ss's grammar symbols. */
    enum Kind {
        NOT("'!'"), AND("'&'"), OR("'|'"), OPEN("'('"), CLOSE("')'"),
        DST("'dst'"), SRC("'src'"), DPORT("'dport'"), SPORT("'sport'"), DEV("'dev'"), FWMARK("'fwmark'"),
        CGROUP("'cgroup'"), AUTOBOUND("'autobound'"),
        GE("'>='"), LE("'<='"), NE("'!='"), EQ("'='"), GT("'>'"), LT("'<'"),
        HOST_VALUE("an address or port"), DEV_VALUE("an interface"), MARK_VALUE("a mark"),
        CGROUP_VALUE("a cgroup path"), END("end of input");

        private final String description;

        Kind(String description) {
            this.description = description;
        }

        String description() {
            return description;
        }

        /** Whether a token of this kind can begin an expression. */
        boolean startsExpression() {
            return switch (this) {
                case OPEN, NOT, DST, SRC, DPORT, SPORT, DEV, FWMARK, CGROUP, AUTOBOUND -> true;
                default -> false;
            };
        }
    }

    /** How the token reads in a message. */
    String shown() {
        return switch (kind) {
            case END -> "end of input";
            case HOST_VALUE, DEV_VALUE, MARK_VALUE, CGROUP_VALUE -> "\"" + text + "\"";
            default -> "'" + text + "'";
        };
    }
}
