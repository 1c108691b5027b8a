package io.sockscope.cli;

import io.sockscope.model.ProcessName;

/**
 * Names any local user chooses (a process name) made safe for a screen: every control character, C0, DEL or C1,
 * becomes a backslash escape ({@code \033}, as {@code ls -b} writes it), so that a process named with escape
 * sequences cannot move the cursor or recolour the screen it is shown on; a backslash is doubled so that an
 * escape always means an escaped byte. A byte that is not valid UTF-8 is escaped the same way.
 */
final class ScreenText {
    private ScreenText() {
    }

    /** {@code name}'s bytes, escaped. */
    static String of(ProcessName name) {
        // escapedText keeps each invalid byte B as the lone surrogate U+DC00+B.
        return escape(name.escapedText());
    }

    /** {@code text} with its control characters escaped. */
    static String escape(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean invalidByte = c >= '\uDC80' && c <= '\uDCFF'
                    && (i == 0 || !Character.isHighSurrogate(text.charAt(i - 1)));
            boolean control = c < 0x20 || c >= 0x7f && c <= 0x9f;
            if (!invalidByte && !control && c != '\\') {
                if (out != null) {
                    out.append(c);
                }
                continue;
            }
            if (out == null) {
                out = new StringBuilder(text.length() + 8).append(text, 0, i);
            }
            if (c == '\\') {
                out.append("\\\\");
                continue;
            }
            if (control && c >= 0x80) {
                // A C1 control is two bytes of UTF-8, each escaped as the listing escapes it.
                octal(out, 0xc2);
                octal(out, c);
            } else {
                octal(out, invalidByte ? c - 0xDC00 : c);
            }
        }
        return out == null ? text : out.toString();
    }

    private static void octal(StringBuilder out, int b) {
        out.append('\\').append((char) ('0' + (b >> 6 & 7))).append((char) ('0' + (b >> 3 & 7)))
                .append((char) ('0' + (b & 7)));
    }
}
