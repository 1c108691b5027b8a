package io.sockscope.diagnose.firewall;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Folds the ends of every path into one decision: known only when all paths agree. */
final class DecisionSummary {
    /** Enough alternatives to explain an unknown result without burying it. */
    private static final int MAX_ALTERNATIVES = 6;

    private DecisionSummary() {
    }

    static FirewallDecision of(List<FirewallEvaluator.Terminal> ends) {
        // Paths that assumed different things may meet the same rule: each translation once.
        Set<FirewallDecision.Translation> translations = new LinkedHashSet<>();
        ends.stream().filter(t -> t.translation() != null).forEach(t -> translations.add(t.translation()));
        if (!translations.isEmpty() && translations.size() == 1
                && ends.stream().allMatch(t -> t.outcome() == FirewallDecision.Outcome.TRANSLATED)) {
            FirewallDecision.Translation only = translations.iterator().next();
            return new FirewallDecision(FirewallDecision.Outcome.TRANSLATED, List.of(only.step()), List.of(), List.of(),
                    List.of(only));
        }
        boolean allAccepted = ends.stream().allMatch(t -> t.outcome() == FirewallDecision.Outcome.ACCEPTED);
        boolean allBlocked = ends.stream().allMatch(t -> t.outcome() == FirewallDecision.Outcome.DROPPED
                || t.outcome() == FirewallDecision.Outcome.REJECTED);
        if (allAccepted) {
            return new FirewallDecision(FirewallDecision.Outcome.ACCEPTED, ends.getFirst().passed(), List.of(),
                    List.of());
        }
        if (allBlocked) {
            boolean allRejected = ends.stream().allMatch(t -> t.outcome() == FirewallDecision.Outcome.REJECTED);
            Set<FirewallDecision.Step> steps = new LinkedHashSet<>();
            ends.forEach(t -> steps.add(t.step()));
            FirewallDecision.Outcome outcome = allRejected
                    ? FirewallDecision.Outcome.REJECTED : FirewallDecision.Outcome.DROPPED;
            return new FirewallDecision(outcome, List.copyOf(steps), List.of(), List.of());
        }
        Set<String> undecided = new LinkedHashSet<>();
        Map<String, List<FirewallEvaluator.Terminal>> byResult = new LinkedHashMap<>();
        for (FirewallEvaluator.Terminal t : ends) {
            undecided.addAll(t.conditions());
            if (t.reason() != null) {
                undecided.add(t.reason());
            }
            byResult.computeIfAbsent(result(t), k -> new ArrayList<>()).add(t);
        }
        List<String> alternatives = new ArrayList<>();
        for (Map.Entry<String, List<FirewallEvaluator.Terminal>> e : byResult.entrySet()) {
            if (alternatives.size() == MAX_ALTERNATIVES) {
                alternatives.add("… and " + (byResult.size() - MAX_ALTERNATIVES) + " other results");
                break;
            }
            FirewallEvaluator.Terminal first = e.getValue().getFirst();
            String when = first.assumptions().stream()
                    .map(FirewallEvaluator.Assumption::describe)
                    .collect(Collectors.joining(" and "));
            alternatives.add(e.getKey() + (when.isEmpty() ? "" : " " + when));
        }
        return new FirewallDecision(FirewallDecision.Outcome.UNKNOWN, List.of(), List.copyOf(undecided), alternatives,
                List.copyOf(translations));
    }

    private static String result(FirewallEvaluator.Terminal t) {
        return switch (t.outcome()) {
            case ACCEPTED -> "accepted";
            case DROPPED -> "dropped by " + t.step().describe();
            case REJECTED -> "rejected by " + t.step().describe();
            case TRANSLATED -> "translated by " + t.step().describe();
            case UNKNOWN -> "not followed: " + t.reason();
        };
    }
}
