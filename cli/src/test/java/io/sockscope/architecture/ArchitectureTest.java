package io.sockscope.architecture;

import io.sockscope.cli.Main;
import io.sockscope.exporter.MetricsServer;
import io.sockscope.model.SocketTable;
import org.junit.jupiter.api.Test;

import java.lang.classfile.ClassModel;
import java.lang.reflect.AccessFlag;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The compiled classes of the library (core), the exporter and the command (cli) keep docs/architecture.md's package
 * table: no package uses what it must not, beyond the debts {@link ArchitectureRules#KNOWN_DEBTS} lists.
 */
class ArchitectureTest {
    private static final List<ClassModel> CORE = CompiledClasses.besides(SocketTable.class);
    private static final List<ClassModel> CLI = CompiledClasses.besides(Main.class);
    private static final List<ClassModel> EXPORTER = CompiledClasses.besides(MetricsServer.class);

    @Test
    void theClassesAreFound() {
        assertTrue(CORE.size() > 100, "core's classes: " + CORE.size());
        assertTrue(CLI.size() > 20, "cli's classes: " + CLI.size());
        assertTrue(EXPORTER.size() > 4, "the exporter's classes: " + EXPORTER.size());
    }

    @Test
    void everyPackageHasARule() {
        Set<String> unplaced = new TreeSet<>();
        for (ClassModel c : all()) {
            String pkg = ArchitectureRules.relativePackage(ClassDependencies.name(c));
            if (ArchitectureRules.ruleFor(pkg).isEmpty()) {
                unplaced.add(pkg);
            }
        }
        assertEquals(Set.of(), unplaced,
                "packages with no rule: add each to ArchitectureRules.RULES and to docs/architecture.md's table");
    }

    @Test
    void noPackageUsesWhatItMustNot() {
        List<Violation> found = new ArrayList<>();
        collect(CORE, true, found);
        collect(CLI, false, found);
        collect(EXPORTER, false, found);
        List<String> problems = DebtLedger.problems(found, ArchitectureRules.KNOWN_DEBTS, ArchitectureRules::reason);
        assertTrue(problems.isEmpty(), () -> "the architecture (docs/architecture.md) is broken:\n\n"
                + String.join("\n\n", problems));
    }

    /**
     * One native layer: only {@code kernel} declares native methods or links downcalls (docs/startup.md), so
     * that every other package calls the system through {@code kernel.Syscalls}.
     */
    @Test
    void onlyKernelCallsNativeCode() {
        Set<String> outside = new TreeSet<>();
        for (ClassModel c : all()) {
            String className = ClassDependencies.name(c);
            if (ArchitectureRules.relativePackage(className).equals("kernel")) {
                continue;
            }
            if (c.methods().stream().anyMatch(m -> m.flags().has(AccessFlag.NATIVE))) {
                outside.add(className + " declares native methods");
            }
            for (String used : ClassDependencies.referenced(c)) {
                if (NATIVE_LINKING.contains(used)) {
                    outside.add(className + " uses " + used);
                }
            }
        }
        assertEquals(Set.of(), outside, "native calls outside the kernel package");
    }

    private static final Set<String> NATIVE_LINKING = Set.of("java.lang.foreign.Linker",
            "java.lang.foreign.SymbolLookup");

    private static void collect(List<ClassModel> classes, boolean inCore, List<Violation> found) {
        for (ClassModel c : classes) {
            if (ArchitectureRules.ruleFor(ArchitectureRules.relativePackage(ClassDependencies.name(c))).isPresent()) {
                found.addAll(ArchitectureRules.violations(c, inCore));
            }
        }
    }

    private static List<ClassModel> all() {
        List<ClassModel> all = new ArrayList<>(CORE);
        all.addAll(CLI);
        all.addAll(EXPORTER);
        return all;
    }
}
