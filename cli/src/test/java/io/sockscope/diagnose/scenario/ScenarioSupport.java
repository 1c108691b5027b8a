package io.sockscope.diagnose.scenario;

import io.sockscope.testing.CommandRun;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Preconditions of the scenario tests, and the optional capture of the doctor's text output for the docs. */
final class ScenarioSupport {
    /** Set {@code -Ddoctor.examples=DIR} to save each scenario's text output there (docs/doctor.md uses them). */
    static final String EXAMPLES_PROPERTY = "doctor.examples";

    private ScenarioSupport() {
    }

    static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** Skips (visibly) unless root with ip, nft, python3 and setpriv. */
    static void assumeScenarioHost() {
        assumeTrue(isRoot(), "needs root: the scenarios build network namespaces and load nftables rules");
        for (String tool : new String[] {"ip", "nft", "setpriv"}) {
            assumeTrue(CommandRun.onPath(tool) || Files.isExecutable(Path.of("/usr/sbin", tool)),
                    "needs " + tool + " (bin/install-deps installs it)");
        }
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "needs /usr/bin/python3");
        assumeTrue(Files.isDirectory(Path.of("target", "classes", "io", "sockscope", "cli")),
                "needs the compiled classes in target/classes (run through Maven)");
    }

    /** What {@code iptables -V} says ({@code iptables v1.8.9 (nf_tables)}), or why it could not say. */
    static String iptablesVersion() {
        try {
            CommandRun r = CommandRun.run(java.util.List.of("iptables", "-V"), java.util.Map.of(), 10);
            return r.exitCode() == 0 ? r.stdoutText().strip() : "exit " + r.exitCode();
        } catch (IOException e) {
            return "not installed (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** When examples are asked for, runs the doctor again in text form and saves it as NAME.txt. */
    static void saveExample(DoctorNetwork net, String name, String... args) throws IOException, InterruptedException {
        saveExampleAs(net, name, null, args);
    }

    /** The same, running the doctor as {@code user} ({@code uid:gid}). */
    static void saveExampleAs(DoctorNetwork net, String name, String user, String... args)
            throws IOException, InterruptedException {
        saveExampleWith(net, name, user, java.util.List.of(), args);
    }

    /** The same, with {@code prefix} before the doctor's command (unshare, for another PID namespace). */
    static void saveExampleWith(DoctorNetwork net, String name, String user, java.util.List<String> prefix,
                                String... args) throws IOException, InterruptedException {
        String dir = System.getProperty(EXAMPLES_PROPERTY);
        if (dir == null) {
            return;
        }
        DoctorResult text = net.doctorAs(user, prefix, args);
        Path out = Path.of(dir);
        Files.createDirectories(out);
        Files.writeString(out.resolve(name + ".txt"), "$ sockscope doctor " + String.join(" ", args) + "\n"
                + text.stdout() + "(exit " + text.exitCode() + ")\n");
    }
}
