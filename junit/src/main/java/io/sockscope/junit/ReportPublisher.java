package io.sockscope.junit;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.function.ThrowingConsumer;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Hands the JSON report to JUnit: as a published file ({@code ExtensionContext.publishFile}, JUnit 5.12 and later,
 * found by reflection because the extension is compiled against 5.10), else as a report entry whose value is the
 * JSON. A file JUnit cannot take (no output directory configured) falls back to the entry too.
 */
final class ReportPublisher {
    static final String FILE_NAME = "sockscope-leaks.json";
    static final String ENTRY_KEY = "sockscope.leaks";

    /** {@code publishFile} and the JSON media type it takes, or null before JUnit 5.12. Looked up once. */
    private record PublishFile(Method method, Object json) {
    }

    private static final PublishFile PUBLISH_FILE = find();

    private ReportPublisher() {
    }

    static void publish(ExtensionContext context, String json) {
        if (PUBLISH_FILE != null && publishFile(context, json)) {
            return;
        }
        context.publishReportEntry(ENTRY_KEY, json);
    }

    private static boolean publishFile(ExtensionContext context, String json) {
        ThrowingConsumer<Path> write = path -> Files.writeString(path, json, StandardCharsets.UTF_8);
        try {
            PUBLISH_FILE.method().invoke(context, FILE_NAME, PUBLISH_FILE.json(), write);
            return true;
        } catch (InvocationTargetException | IllegalAccessException e) {
            return false;
        }
    }

    private static PublishFile find() {
        // 6.0 and 5.14 take org.junit.jupiter.api.MediaType; 5.12 and 5.13 the extension package's, which 5.14
        // deprecated. The newer one first.
        for (String mediaType : new String[]{"org.junit.jupiter.api.MediaType",
                "org.junit.jupiter.api.extension.MediaType"}) {
            try {
                Class<?> type = Class.forName(mediaType, false, ExtensionContext.class.getClassLoader());
                Method publish = ExtensionContext.class.getMethod("publishFile", String.class, type,
                        ThrowingConsumer.class);
                Object json = type.getMethod("parse", String.class).invoke(null, "application/json");
                return new PublishFile(publish, json);
            } catch (ReflectiveOperationException | LinkageError e) {
                // Not this version's: try the next, or fall back to report entries.
            }
        }
        return null;
    }
}
