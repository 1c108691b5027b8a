package io.sockscope.diagnose;

import io.sockscope.model.Owner;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Names socket owners the way a person would: {@code nginx (pids 10, 11)}. */
final class OwnerText {
    /** What the doctor calls an owner it could not see. */
    static final String UNSEEN = "an unseen process";

    private OwnerText() {
    }

    static String of(List<Owner> owners) {
        if (owners.isEmpty()) {
            return UNSEEN;
        }
        Map<String, TreeSet<Integer>> pids = new LinkedHashMap<>();
        for (Owner o : owners) {
            pids.computeIfAbsent(o.command().text(), k -> new TreeSet<>()).add(o.pid());
        }
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, TreeSet<Integer>> e : pids.entrySet()) {
            TreeSet<Integer> set = e.getValue();
            String list = set.stream().limit(5).map(String::valueOf).reduce((a, b) -> a + ", " + b).orElse("");
            if (set.size() > 5) {
                list += ", …";
            }
            parts.add(e.getKey() + " (pid" + (set.size() > 1 ? "s " : " ") + list + ")");
        }
        if (parts.size() == 1) {
            return parts.getFirst();
        }
        return String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.getLast();
    }

    /** The commands of the owners, without duplicates, in order. */
    static List<String> commands(List<Owner> owners) {
        return owners.stream().map(o -> o.command().text()).distinct().toList();
    }
}
