package io.sockscope.architecture;

import java.lang.classfile.ClassModel;
import java.lang.module.ModuleFinder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static io.sockscope.architecture.PackageRule.mayUseOnly;
import static io.sockscope.architecture.PackageRule.mustNotUse;

/**
 * docs/architecture.md's package table as rules over class files, and the debts the code still owes them.
 * A change here is a change of the architecture: make the same one in the document.
 */
final class ArchitectureRules {
    private ArchitectureRules() {
    }

    static final String ROOT = "io.sockscope.";

    /** Every top-level package of ours has a rule, so that a new package is placed on purpose. */
    static final List<PackageRule> RULES = List.of(
            mayUseOnly("model", "model holds the immutable values every layer shares: it depends on nothing of ours"),
            mayUseOnly("json", "json is the core library's one JSON reader (nft's ruleset, the container runtimes'"
                    + " files): it depends on nothing of ours, so that every package that reads JSON may use it"),
            mayUseOnly("netlink", "netlink is a pure codec from bytes to model values: it makes no system call (kernel),"
                    + " formats no text (render, names) and knows nothing that consumes it", "model"),
            mayUseOnly("kernel", "kernel is the native layer: it frames messages (netlink) but does not know what a"
                    + " payload means", "netlink"),
            mustNotUse("source", "source fetches sockets (netlink, /proc, replay): it prints nothing and knows none of"
                    + " its consumers", "render", "diagnose", "inspect", "api", "cli"),
            mustNotUse("query", "query is the one engine that turns a query into dumps (the source per table, the"
                    + " filter, -K, the owner join, destroy events): it prints nothing and knows none of the front ends it serves", "render", "diagnose",
                    "inspect", "api", "cli"),
            mustNotUse("procmap", "procmap finds owners (/proc, the task-file iterator): it never touches netlink, and"
                    + " is a sibling of source, not a user of it", "netlink", "source", "filter", "render", "diagnose",
                    "inspect", "api", "cli"),
            mayUseOnly("netns", "netns finds network namespaces and resolves -N from /proc, /run/netns and mountinfo:"
                    + " it enters through kernel and reads /proc through procmap, but dumps nothing (netlink, source,"
                    + " query) and knows none of its consumers", "model", "kernel", "names", "procmap"),
            mustNotUse("filter", "filter is a language (parser, AST, evaluator, bytecode compiler): it does no I/O;"
                    + " what it asks the machine comes through an injected environment, and only names' built-in"
                    + " tables are read directly", "kernel", "source", "procmap", "render", "diagnose", "inspect", "api",
                    "cli"),
            mustNotUse("names", "names holds the name tables (services, protocols, cgroups, processes): it fetches no"
                    + " socket and prints nothing", "netlink", "kernel", "source", "procmap", "filter", "attribution",
                    "render", "diagnose", "inspect", "api", "cli"),
            mayUseOnly("attribution", "attribution tells which container, pod or unit owns a socket from cgroup paths"
                    + " and the runtimes' files: the model, names' cgroup walk and the JSON reader are all it needs",
                    "model", "names", "json"),
            mustNotUse("render", "render reads the model and writes text: it decodes nothing (netlink) and fetches"
                    + " nothing (kernel, source, procmap)", "netlink", "kernel", "source", "procmap", "filter", "diagnose",
                    "inspect", "api", "cli"),
            mustNotUse("diagnose", "diagnose checks an immutable snapshot: it never calls the kernel directly",
                    "kernel", "netlink", "render", "inspect", "api", "cli"),
            mustNotUse("inspect", "inspect is the library's side of the engine (the system's names, filter"
                    + " environment, owner scan) over the model: it decodes nothing, prints nothing and does not know"
                    + " the API it serves", "netlink", "render", "api", "cli"),
            mustNotUse("api", "api is the exported surface and its mapping (api.internal) onto the engine: it opens"
                    + " no channel, decodes nothing and formats nothing itself", "kernel", "netlink", "source",
                    "procmap", "render", "diagnose", "cli"),
            mayUseOnly("live", "live follows the socket table over time (diffs by cookie, ages, detectors): it is fed"
                    + " model values and does no I/O of its own", "model"),
            mayUseOnly("export", "export turns a dump into bounded metric series (the exporter's model): it is fed"
                    + " model values, writes addresses as ss does (names) and does no I/O of its own", "model", "names"),
            mustNotUse("exporter", "exporter writes the metrics model in Prometheus, OpenMetrics and OTLP and serves"
                    + " it: it takes snapshots through the engine but prints nothing and parses no argv", "cli",
                    "render", "diagnose"),
            mustNotUse("cli", "cli may use every package: it turns argv into options and is the only place that"
                    + " prints or exits"));

    /** What the code owes the rules today; these counts only go down (issue 11 paid the last of them). */
    static final List<KnownDebt> KNOWN_DEBTS = List.of();

    /** The packages of the JDK's own modules: what core may use besides itself. */
    private static final Set<String> JDK_PACKAGES = ModuleFinder.ofSystem().findAll().stream()
            .flatMap(m -> m.descriptor().packages().stream())
            .collect(Collectors.toUnmodifiableSet());

    /** The rule for a package relative to {@code io.sockscope}, by its top-level package. */
    static Optional<PackageRule> ruleFor(String pkg) {
        String top = topLevel(pkg);
        return RULES.stream().filter(r -> r.name().equals(top)).findFirst();
    }

    /**
     * Everything one class breaks: its package's rule; in core, the use of the command ({@code cli}) or of
     * anything but the JDK; in {@code api}, a type of ours from another package in a public signature.
     */
    static List<Violation> violations(ClassModel c, boolean inCore) {
        String className = ClassDependencies.name(c);
        String from = relativePackage(className);
        PackageRule rule = ruleFor(from).orElseThrow(() -> new IllegalArgumentException("no rule for " + from));
        List<Violation> found = new ArrayList<>();
        for (String dependency : ClassDependencies.referenced(c)) {
            if (dependency.startsWith(ROOT)) {
                String to = topLevel(relativePackage(dependency));
                if (!rule.allows(to) || (inCore && to.equals("cli"))) {
                    found.add(new Violation(from, to, className, dependency));
                }
            } else if (inCore && !JDK_PACKAGES.contains(packageOf(dependency))) {
                found.add(new Violation(from, "third-party", className, dependency));
            }
        }
        if (from.equals("api")) {
            for (String type : ClassDependencies.inPublicSignatures(c)) {
                if (type.startsWith(ROOT) && !relativePackage(type).equals("api")) {
                    found.add(new Violation(from, "public-signature:" + relativePackage(type), className, type));
                }
            }
        }
        return found;
    }

    /** The rule a violation breaks, in a sentence. */
    static String reason(Violation v) {
        if (v.to().equals("third-party")) {
            return "the core library depends on the JDK alone";
        }
        if (v.to().startsWith("public-signature:")) {
            return "api must not leak internal types: its public signatures name api and JDK types only";
        }
        PackageRule rule = ruleFor(v.from()).orElseThrow();
        return rule.allows(v.to()) ? "the core library must not depend on the command (cli)" : rule.why();
    }

    /** {@code io.sockscope.diagnose.system.LiveSockets} → {@code diagnose.system}. */
    static String relativePackage(String className) {
        String pkg = packageOf(className) + ".";
        return pkg.length() > ROOT.length() ? pkg.substring(ROOT.length(), pkg.length() - 1) : "";
    }

    private static String packageOf(String className) {
        int dot = className.lastIndexOf('.');
        return dot < 0 ? "" : className.substring(0, dot);
    }

    private static String topLevel(String pkg) {
        int dot = pkg.indexOf('.');
        return dot < 0 ? pkg : pkg.substring(0, dot);
    }
}
