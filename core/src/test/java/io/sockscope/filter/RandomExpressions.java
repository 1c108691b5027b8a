package io.sockscope.filter;

import java.util.Random;

/**
 * Random filter expressions in ss syntax, built from a grammar so that every shape of tree appears: all
 * operator spellings, juxtaposition, parentheses, negation, every predicate. Which host words may appear
 * is the caller's choice, so a test can stay inside the domain where two implementations should agree.
 */
final class RandomExpressions {
    private final Random random;
    private final String[] hostWords;
    private final String[] portWords;
    private final String[] extraPredicates;

    /**
     * @param hostWords       words allowed after {@code src}/{@code dst}
     * @param portWords       words allowed after {@code sport}/{@code dport} (every one must carry a port)
     * @param extraPredicates whole predicates mixed in as they are (e.g. {@code "dev lo"})
     */
    RandomExpressions(Random random, String[] hostWords, String[] portWords, String[] extraPredicates) {
        this.random = random;
        this.hostWords = hostWords;
        this.portWords = portWords;
        this.extraPredicates = extraPredicates;
    }

    private String pick(String... options) {
        return options[random.nextInt(options.length)];
    }

    String expression(int depth) {
        StringBuilder b = new StringBuilder(term(depth));
        int more = random.nextInt(depth > 0 ? 3 : 1);
        for (int i = 0; i < more; i++) {
            String op = pick("and", "&", "&&", "or", "|", "||", "");
            b.append(' ');
            if (!op.isEmpty()) {
                b.append(op).append(' ');
            }
            b.append(term(depth - 1));
        }
        return b.toString();
    }

    private String term(int depth) {
        int choice = random.nextInt(10);
        if (depth > 0 && choice == 0) {
            return "( " + expression(depth - 1) + " )";
        }
        if (depth > 0 && choice == 1) {
            return pick("!", "not") + " " + term(depth - 1);
        }
        return predicate();
    }

    String predicate() {
        int choice = random.nextInt(extraPredicates.length == 0 ? 8 : 9);
        return switch (choice) {
            case 0, 1 -> pick("src", "dst") + " " + pick("", "= ", "== ", "eq ") + pick(hostWords);
            case 2, 3, 4 -> pick("sport", "dport") + " "
                    + pick("", "= ", "== ", "eq ", "!= ", "ne ", "neq ", "> ", "gt ", "< ", "lt ", ">= ", "ge ",
                            "geq ", "<= ", "le ", "leq ")
                    + pick(portWords);
            case 5 -> "autobound";
            case 6 -> "fwmark " + pick("", "= ", "!= ") + pick("0", "1", "0x10", "0x10/0xf0", "7/3", "0xffffffff",
                    "-1/0x80000000");
            case 7 -> pick("src", "dst") + " " + pick(hostWords) + " " + pick("sport", "dport") + " "
                    + pick(">= ", "<= ") + pick(portWords);
            default -> pick(extraPredicates);
        };
    }
}
