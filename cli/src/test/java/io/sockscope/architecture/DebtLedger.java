package io.sockscope.architecture;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Holds what the classes break against what is known to be owed: anything new is a failure, and so is a
 * debt paid without its entry going, which keeps the list of known debts shrinking only.
 */
final class DebtLedger {
    private DebtLedger() {
    }

    /**
     * The failures, one message each and empty when the code and the list agree.
     *
     * @param found the violations in the classes
     * @param known the debts listed
     * @param why   the rule a violation breaks, in a sentence
     */
    static List<String> problems(List<Violation> found, List<KnownDebt> known, Function<Violation, String> why) {
        Map<String, List<Violation>> byEdge = new TreeMap<>();
        for (Violation v : found) {
            byEdge.computeIfAbsent(edge(v.from(), v.to()), k -> new ArrayList<>()).add(v);
        }
        List<String> problems = new ArrayList<>();
        byEdge.forEach((edge, violations) -> {
            Violation first = violations.getFirst();
            int classes = (int) violations.stream().map(Violation::sourceClass).distinct().count();
            Optional<KnownDebt> debt = known.stream()
                    .filter(d -> d.from().equals(first.from()) && d.to().equals(first.to())).findFirst();
            if (debt.isEmpty()) {
                problems.add(edge + " is new and forbidden: " + why.apply(first) + "\n" + uses(violations));
            } else if (classes > debt.get().classes()) {
                problems.add(edge + " is a known debt of " + debt.get().classes() + " classes, now " + classes
                        + ": a debt may only shrink (paid by \"" + debt.get().removedBy() + "\")\n" + uses(violations));
            } else if (classes < debt.get().classes()) {
                problems.add(edge + " is down from " + debt.get().classes() + " classes to " + classes
                        + ": lower its count in ArchitectureRules.KNOWN_DEBTS and docs/architecture.md to " + classes);
            }
        });
        for (KnownDebt d : known) {
            if (!byEdge.containsKey(edge(d.from(), d.to()))) {
                problems.add(edge(d.from(), d.to()) + " is paid: remove it from ArchitectureRules.KNOWN_DEBTS and"
                        + " docs/architecture.md");
            }
        }
        return problems;
    }

    private static String edge(String from, String to) {
        return from + " → " + to;
    }

    /** {@code    io.sockscope.render.TcpStats uses io.sockscope.netlink.TcpInfo, …}, one line per class. */
    private static String uses(List<Violation> violations) {
        Map<String, Set<String>> byClass = new TreeMap<>();
        for (Violation v : violations) {
            byClass.computeIfAbsent(v.className(), k -> new TreeSet<>()).add(v.dependency());
        }
        StringBuilder b = new StringBuilder();
        byClass.forEach((c, deps) -> b.append("    ").append(c).append(" uses ").append(String.join(", ", deps))
                .append('\n'));
        return b.toString().stripTrailing();
    }
}
