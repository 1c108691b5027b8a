package io.sockscope.junit;

import io.sockscope.junit.fixtures.FixtureGuard;
import org.junit.platform.engine.reporting.FileEntry;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.EventType;
import org.junit.platform.testkit.engine.Events;
import org.junit.platform.engine.TestExecutionResult;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

/** Runs fixtures through the engine test kit and reads what happened to one test. */
final class FixtureRuns {
    private FixtureRuns() {
    }

    /** What became of one fixture test. */
    record Outcome(TestExecutionResult result, List<String> reportEntries, List<String> publishedFiles,
                   List<Throwable> classFailures) {
        Throwable failure() {
            return result.getThrowable().orElseThrow(() -> new AssertionError("the fixture did not fail: " + result));
        }

        boolean passed() {
            return result.getStatus() == TestExecutionResult.Status.SUCCESSFUL;
        }

        /** The JSON report, published as a file or, where the file could not be, as a report entry. */
        String json() {
            if (!publishedFiles.isEmpty()) {
                return publishedFiles.getFirst();
            }
            return reportEntries.stream().filter(e -> e.startsWith("{")).findFirst()
                    .orElseThrow(() -> new AssertionError("no report was published"));
        }
    }

    /** Runs one fixture test; its class's own check (around the class) must not fail. */
    static Outcome run(Class<?> fixture, String method, String... parameters) {
        Outcome outcome = runWithClass(fixture, method, parameters);
        if (!outcome.classFailures().isEmpty()) {
            throw new AssertionError("the fixture's class failed", outcome.classFailures().getFirst());
        }
        return outcome;
    }

    /** Runs one fixture test; what its class's containers failed with is in the outcome. */
    static Outcome runWithClass(Class<?> fixture, String method, String... parameters) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put(FixtureGuard.PARAMETER, "true");
        for (int i = 0; i + 1 < parameters.length; i += 2) {
            config.put(parameters[i], parameters[i + 1]);
        }
        Events events = EngineTestKit.engine("junit-jupiter").configurationParameters(config)
                .selectors(selectMethod(fixture, method)).execute().allEvents();
        List<Event> finished = events.filter(e -> e.getType() == EventType.FINISHED
                && e.getTestDescriptor().isTest()).toList();
        if (finished.size() > 1) {
            throw new AssertionError("expected one test to finish, got " + events.stream().toList());
        }
        List<String> entries = events.reportingEntryPublished().stream()
                .map(e -> e.getRequiredPayload(ReportEntry.class).getKeyValuePairs().get(ReportPublisher.ENTRY_KEY))
                .filter(v -> v != null).toList();
        List<String> files = events.fileEntryPublished().stream()
                .map(e -> e.getRequiredPayload(FileEntry.class).getPath()).map(p -> {
                    try {
                        return Files.readString(p, StandardCharsets.UTF_8);
                    } catch (IOException x) {
                        throw new UncheckedIOException(x);
                    }
                }).toList();
        List<Throwable> classFailures = events.filter(e -> e.getType() == EventType.FINISHED
                && e.getTestDescriptor().isContainer()).map(e -> e.getRequiredPayload(TestExecutionResult.class))
                .flatMap(r -> r.getThrowable().stream()).toList();
        if (finished.isEmpty() && classFailures.isEmpty()) {
            throw new AssertionError("neither the test nor its class finished: " + events.stream().toList());
        }
        // A class that failed before its test ran has no test result: the class's failure stands for it.
        TestExecutionResult result = finished.isEmpty() ? TestExecutionResult.failed(classFailures.getFirst())
                : finished.getFirst().getRequiredPayload(TestExecutionResult.class);
        return new Outcome(result, entries, files, classFailures);
    }
}
