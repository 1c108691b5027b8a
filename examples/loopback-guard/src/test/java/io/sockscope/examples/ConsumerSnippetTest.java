package io.sockscope.examples;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The pom snippet docs/library.md gives to projects that use the library is in this example's pom.xml, line by line
 * and in order: the build that compiles and tests this example (with no parent, on Maven's defaults) then proves
 * the snippet enough. The example may hold more (its own coordinates, JUnit, the project's lint rule).
 */
class ConsumerSnippetTest {
    private static final Pattern XML_BLOCK = Pattern.compile("```xml\\n(.*?)```", Pattern.DOTALL);

    @Test
    void theDocumentedSnippetIsThisPomsOwn() throws IOException {
        String page = Files.readString(Path.of("..", "..", "docs", "library.md"), StandardCharsets.UTF_8);
        Matcher m = XML_BLOCK.matcher(page);
        String snippet = null;
        while (m.find()) {
            if (m.group(1).contains("<artifactId>sockscope</artifactId>")) {
                snippet = m.group(1);
            }
        }
        assertTrue(snippet != null, "docs/library.md has no xml block with the dependency");
        List<String> pom = meaningful(Files.readString(Path.of("pom.xml"), StandardCharsets.UTF_8));
        int at = 0;
        for (String line : meaningful(snippet)) {
            int found = pom.subList(at, pom.size()).indexOf(line);
            if (found < 0) {
                fail("docs/library.md's snippet has \"" + line + "\", which this example's pom.xml lacks after line "
                        + at + " of its elements: change both together");
            }
            at += found + 1;
        }
        assertTrue(pom.contains("<version>3.14.0</version>") && !pom.contains("<parent>"),
                "the example builds without a parent, with the snippet's compiler plugin");
    }

    /** The lines that say something, without their indentation; comments and blank lines left out. */
    private static List<String> meaningful(String xml) {
        return xml.replaceAll("(?s)<!--.*?-->", "").lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }
}
