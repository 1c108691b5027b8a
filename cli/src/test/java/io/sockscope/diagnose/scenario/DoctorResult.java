package io.sockscope.diagnose.scenario;

import io.sockscope.cli.DoctorSchema;
import io.sockscope.json.JsonReader;
import io.sockscope.json.JsonSyntaxException;
import io.sockscope.json.JsonValue;

import java.util.List;

/**
 * What one run of {@code sockscope doctor} gave: exit code and output; with {@code --json} the parsed
 * document and the finding codes.
 */
record DoctorResult(int exitCode, String stdout, String stderr) {
    /** The {@code --json} document, which must conform to docs/sockscope-doctor-v1.schema.json. */
    JsonValue json() {
        JsonValue doc;
        try {
            doc = JsonReader.read(stdout);
        } catch (JsonSyntaxException e) {
            throw new AssertionError("the doctor's --json output is not JSON: " + e.getMessage() + "\n" + stdout, e);
        }
        List<String> errors = DoctorSchema.repository().errors(stdout);
        if (!errors.isEmpty()) {
            throw new AssertionError("the doctor's --json output does not conform to its schema: " + errors + "\n"
                    + stdout);
        }
        return doc;
    }

    /** The finding codes, in output order. */
    List<String> codes() {
        return findings().stream().map(f -> text(f, "code")).toList();
    }

    List<JsonValue> findings() {
        return json().member("findings").map(JsonValue::elements).orElseThrow(
                () -> new AssertionError("no findings array:\n" + stdout));
    }

    /** The finding with this code. */
    JsonValue finding(String code) {
        return findings().stream().filter(f -> code.equals(text(f, "code"))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + code + " finding in:\n" + stdout));
    }

    /** Everything a finding says (summary, evidence lines, fix) as one text, for containment checks. */
    String allText(String code) {
        JsonValue f = finding(code);
        StringBuilder b = new StringBuilder(text(f, "summary")).append('\n');
        f.member("evidence").map(JsonValue::elements).orElse(List.of())
                .forEach(e -> b.append(e.string().orElse("")).append('\n'));
        b.append(f.member("fix").flatMap(JsonValue::string).orElse(""));
        return b.toString();
    }

    static String text(JsonValue v, String member) {
        return v.member(member).flatMap(JsonValue::string).orElse(null);
    }

    String describe() {
        return "exit " + exitCode + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr;
    }
}
