package io.sockscope.cli;

import io.sockscope.render.SsDialect;

import java.util.Map;

/**
 * Chooses the ss dialect: {@code --ss-dialect=6.1|7.1}, else {@code SOCKSCOPE_SS_DIALECT}, else the dialect of
 * the ss installed on the host ({@link InstalledSs}). The option is found before the command line is parsed,
 * since the dialect decides which options there are ({@code -Q} and {@code -B} are 7.1's).
 */
final class SsDialectChoice {
    static final String VARIABLE = "SOCKSCOPE_SS_DIALECT";
    static final String OPTION = "ss-dialect";

    private SsDialectChoice() {
    }

    /** The dialect for {@code args}, asking {@code installed} only when neither the line nor the variable names one. */
    static DialectChoice choose(String[] args, Map<String, String> environment, InstalledSs installed)
            throws UsageException {
        String named = namedOnCommandLine(args);
        if (named != null) {
            return new DialectChoice(parse(named, "--" + OPTION), "--" + OPTION + " " + named);
        }
        String variable = environment.get(VARIABLE);
        if (variable != null && !variable.isEmpty()) {
            return new DialectChoice(parse(variable, VARIABLE), VARIABLE + "=" + variable);
        }
        return installed.dialect();
    }

    /**
     * The value of the last {@code --ss-dialect} before {@code --}, under any abbreviation getopt would take for
     * it (no other long option starts with "ss"), or null. A missing value is left to the parser to report.
     */
    static String namedOnCommandLine(String[] args) {
        String value = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--")) {
                break;
            }
            if (!a.startsWith("--ss")) {
                continue;
            }
            int eq = a.indexOf('=');
            String name = eq < 0 ? a.substring(2) : a.substring(2, eq);
            if (!OPTION.startsWith(name)) {
                continue;
            }
            if (eq >= 0) {
                value = a.substring(eq + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            }
        }
        return value;
    }

    private static SsDialect parse(String text, String where) throws UsageException {
        return SsDialect.ofLabel(text).orElseThrow(() -> new UsageException(
                "unknown ss dialect '" + text + "' in " + where + " (6.1 or 7.1)", 1));
    }
}
