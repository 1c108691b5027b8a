package io.sockscope.testing;

/** Describes where two outputs first differ, with whitespace made visible, for assertion messages. */
public final class TextDiff {
    private TextDiff() {
    }

    public static String describe(String expected, String actual) {
        String[] e = expected.split("\n", -1);
        String[] a = actual.split("\n", -1);
        int n = Math.max(e.length, a.length);
        for (int i = 0; i < n; i++) {
            String el = i < e.length ? e[i] : "<no line>";
            String al = i < a.length ? a[i] : "<no line>";
            if (!el.equals(al)) {
                return "first difference at line " + (i + 1) + " of " + e.length + "/" + a.length + ":\n"
                        + "  ss:        |" + visible(el) + "|\n"
                        + "  sockscope: |" + visible(al) + "|";
            }
        }
        return "identical";
    }

    private static String visible(String s) {
        return s.replace(' ', '\u00b7').replace("\t", "\\t");
    }
}
