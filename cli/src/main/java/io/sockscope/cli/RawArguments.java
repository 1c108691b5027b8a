package io.sockscope.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The command line as the kernel holds it, in bytes. The JVM decodes argv with the locale's character set
 * before {@code main} sees it: under {@code LC_ALL=C} every non-ASCII byte becomes a replacement character,
 * and in any locale bytes that are not UTF-8 do. A namespace name is bytes on Linux, so what must name a file
 * exactly is taken from {@code /proc/self/cmdline}, whose last words are {@code main}'s arguments.
 */
final class RawArguments {
    private final List<byte[]> words;

    private RawArguments(List<byte[]> words) {
        this.words = words;
    }

    /** No bytes known: every argument is taken as its text encoded in UTF-8. */
    static RawArguments unknown() {
        return new RawArguments(List.of());
    }

    /**
     * The bytes of {@code args}, or none when {@code /proc/self/cmdline} cannot be read or does not end with
     * as many words whose ASCII ones agree with {@code args}.
     */
    static RawArguments of(String[] args) {
        return of(args, Path.of("/proc/self/cmdline"));
    }

    static RawArguments of(String[] args, Path cmdline) {
        List<byte[]> all = new ArrayList<>();
        try {
            byte[] bytes = Files.readAllBytes(cmdline);
            int start = 0;
            for (int i = 0; i < bytes.length; i++) {
                if (bytes[i] == 0) {
                    all.add(Arrays.copyOfRange(bytes, start, i));
                    start = i + 1;
                }
            }
        } catch (IOException | RuntimeException e) {
            return new RawArguments(List.of());
        }
        if (all.size() < args.length) {
            return new RawArguments(List.of());
        }
        List<byte[]> tail = all.subList(all.size() - args.length, all.size());
        for (int i = 0; i < args.length; i++) {
            if (isAscii(tail.get(i)) && !args[i].equals(new String(tail.get(i), StandardCharsets.US_ASCII))) {
                return new RawArguments(List.of());
            }
        }
        return new RawArguments(List.copyOf(tail));
    }

    /**
     * The bytes of an option's argument as typed: the word's bytes after its ASCII prefix, or the argument
     * encoded as UTF-8 when the word's bytes are not known.
     */
    byte[] argument(CommandLine.Option option) {
        if (option.word() >= 0 && option.word() < words.size()) {
            byte[] word = words.get(option.word());
            if (option.from() <= word.length) {
                return Arrays.copyOfRange(word, option.from(), word.length);
            }
        }
        return option.argument().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * {@code args} with each word the JVM's decoding damaged (under {@code LC_ALL=C}, any non-ASCII one) decoded
     * again from its bytes as UTF-8, when they are UTF-8; a word that is not stays as the JVM decoded it, and
     * what must name a file exactly is taken by {@link #argument}.
     */
    String[] repaired(String[] args) {
        if (words.size() != args.length) {
            return args;
        }
        String[] repaired = args.clone();
        for (int i = 0; i < args.length; i++) {
            byte[] word = words.get(i);
            if (!isAscii(word)) {
                String text = strictUtf8(word);
                if (text != null) {
                    repaired[i] = text;
                }
            }
        }
        return repaired;
    }

    private static String strictUtf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }
}
