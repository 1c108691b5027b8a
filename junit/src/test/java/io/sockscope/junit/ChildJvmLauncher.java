package io.sockscope.junit;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

/**
 * A program the self-tests run in a child JVM, on whichever JUnit its class path holds (5.10, 5.14, 6): it runs the
 * fixture methods named on its command line with the launcher API those versions share, and prints one line per
 * finished test ({@code RESULT name STATUS}), per failure message ({@code MESSAGE name text}) and per report entry
 * ({@code ENTRY name key=value}), with newlines escaped as {@code \n}.
 *
 * <p>Arguments: {@code -Ckey=value} configuration parameters, then {@code class#method} selectors.
 */
public final class ChildJvmLauncher {
    private ChildJvmLauncher() {
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request();
        for (String arg : args) {
            if (arg.startsWith("-C")) {
                String[] kv = arg.substring(2).split("=", 2);
                request.configurationParameter(kv[0], kv[1]);
            } else {
                request.selectors(selectMethod(arg));
            }
        }
        LauncherDiscoveryRequest built = request.build();
        Launcher launcher = LauncherFactory.create();
        launcher.execute(built, new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                if (!id.isTest()) {
                    return;
                }
                out.println("RESULT " + id.getDisplayName() + " " + result.getStatus());
                result.getThrowable().ifPresent(t -> out.println("MESSAGE " + id.getDisplayName() + " "
                        + t.getClass().getName() + ": " + escape(t.getMessage())));
            }

            @Override
            public void reportingEntryPublished(TestIdentifier id, ReportEntry entry) {
                for (Map.Entry<String, String> e : entry.getKeyValuePairs().entrySet()) {
                    out.println("ENTRY " + id.getDisplayName() + " " + e.getKey() + "=" + escape(e.getValue()));
                }
            }
        });
    }

    private static String escape(String s) {
        return s == null ? "" : s.replace("\\", "\\\\").replace("\n", "\\n");
    }
}
