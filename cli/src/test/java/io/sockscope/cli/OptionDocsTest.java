package io.sockscope.cli;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The table the manual and the completions are written from covers the option table exactly, and the words it
 * offers are the ones the parsers take.
 */
class OptionDocsTest {
    /** An option named in running text: {@code -t}, {@code --all-netns}, not the hyphen of {@code close-wait}. */
    private static final Pattern NAMED_OPTION = Pattern.compile("(?<![\\w-])(--?)([A-Za-z0-9][A-Za-z0-9-]*)");

    @Test
    void everyOptionOfTheOptionTableIsDescribedOnce() {
        Set<String> keys = new TreeSet<>();
        for (char c : OptionSpec.EVERY_SHORT.replace(":", "").toCharArray()) {
            keys.add(String.valueOf(c));
        }
        OptionSpec.EVERY_LONG.forEach(o -> keys.add(o.key()));
        List<String> documented = OptionDocs.ALL.stream().map(OptionDoc::key).toList();
        assertEquals(documented.size(), new HashSet<>(documented).size(), "an option described twice: " + documented);
        assertEquals(keys, new TreeSet<>(documented), "options of OptionSpec and of OptionDocs");
    }

    @Test
    void anArgumentIsNamedExactlyWhenTheOptionTakesOne() {
        for (OptionDoc doc : OptionDocs.ALL) {
            char letter = OptionDocs.shortLetter(doc);
            boolean takes = letter != 0 ? OptionSpec.shortArity(letter, OptionSpec.EVERY_SHORT) == 1
                    : OptionSpec.EVERY_LONG.stream().filter(o -> o.key().equals(doc.key())).allMatch(o -> o.hasArgument());
            OptionSpec.EVERY_LONG.stream().filter(o -> o.key().equals(doc.key()))
                    .forEach(o -> assertEquals(takes, o.hasArgument(), "--" + o.name() + " and its letter disagree"));
            assertEquals(takes, doc.argument() != null, doc.key() + ": argument " + doc.argument());
        }
    }

    @Test
    void descriptionsNameOnlyOptionsTheCommandTakes() {
        List<String> unknown = new ArrayList<>();
        for (OptionDoc doc : OptionDocs.ALL) {
            assertFalse(doc.description().isBlank(), doc.key());
            assertTrue(doc.description().endsWith("."), doc.key() + ": " + doc.description());
            Matcher m = NAMED_OPTION.matcher(doc.description());
            while (m.find()) {
                boolean known = m.group(1).equals("--")
                        ? OptionSpec.EVERY_LONG.stream().anyMatch(o -> o.name().equals(m.group(2)))
                        : m.group(2).length() == 1 && OptionSpec.shortArity(m.group(2).charAt(0), OptionSpec.EVERY_SHORT) >= 0;
                if (!known) {
                    unknown.add(doc.key() + ": " + m.group());
                }
            }
        }
        assertEquals(List.of(), unknown, "descriptions naming options OptionSpec does not have");
    }

    @Test
    void theDoctorTakesEveryOptionDescribedForIt() throws Exception {
        for (DoctorOptionDocs.Entry e : DoctorOptionDocs.ALL) {
            for (String name : e.shortName() == null ? List.of(e.longName()) : List.of(e.shortName(), e.longName())) {
                List<String> args = new ArrayList<>(List.of(name));
                if (e.argument() != null) {
                    args.add(e.longName().equals("--from") ? "127.0.0.1" : "root");
                }
                // Each with a target it applies to: --all takes none, --user a unix socket or bind.
                if (e.longName().equals("--user")) {
                    args.addAll(List.of("bind", "8080"));
                } else if (!e.longName().equals("--all")) {
                    args.add("8080");
                }
                // Parsed, not rejected as unknown or as missing its value (the parse throws for those).
                assertNotEquals(null, DoctorOptionsParser.parse(args.toArray(String[]::new)), name);
            }
        }
    }

    @Test
    void theOfferedWordsAreTheOnesTheParsersTake() {
        for (String table : CommandWords.TABLES) {
            try {
                new TableSelection().query(table, 0);
            } catch (UsageException e) {
                fail("-A " + table + ": " + e.getMessage());
            }
        }
        for (String family : CommandWords.FAMILIES) {
            try {
                new TableSelection().setFamilyByName(family);
            } catch (UsageException e) {
                fail("-f " + family + ": " + e.getMessage());
            }
        }
        for (String state : CommandWords.stateWords()) {
            try {
                StateWords.parse(state, io.sockscope.render.SsDialect.V7_1);
            } catch (UsageException e) {
                fail("state " + state + ": " + e.getMessage());
            }
        }
        for (String format : CommandWords.OUTPUT_FORMATS) {
            try {
                OutputFormat.named(format);
            } catch (UsageException e) {
                fail("--output " + format + ": " + e.getMessage());
            }
        }
        for (String command : CommandWords.SUB_COMMANDS) {
            assertTrue(Help.TEXT.contains("sockscope " + command), command);
        }
    }
}
