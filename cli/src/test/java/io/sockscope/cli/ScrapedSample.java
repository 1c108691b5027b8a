package io.sockscope.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One sample line of a scrape body (the Prometheus text format or OpenMetrics): its name, labels and value.
 * Comment lines are not samples.
 *
 * @param name   the sample's name
 * @param labels its labels, unescaped, in the order written
 * @param value  its value
 */
record ScrapedSample(String name, Map<String, String> labels, double value) {

    /** Every sample of {@code body}; fails on a line that is neither a comment nor a sample. */
    static List<ScrapedSample> all(String body) {
        List<ScrapedSample> samples = new ArrayList<>();
        for (String line : body.split("\n")) {
            if (!line.isEmpty() && !line.startsWith("#")) {
                samples.add(parse(line));
            }
        }
        return samples;
    }

    /** The samples of {@code body} called {@code name}. */
    static List<ScrapedSample> named(String body, String name) {
        return all(body).stream().filter(s -> s.name().equals(name)).toList();
    }

    String label(String label) {
        return labels.getOrDefault(label, "");
    }

    static ScrapedSample parse(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) != '{' && line.charAt(i) != ' ') {
            i++;
        }
        String name = line.substring(0, i);
        Map<String, String> labels = new LinkedHashMap<>();
        if (i < line.length() && line.charAt(i) == '{') {
            i++;
            while (line.charAt(i) != '}') {
                int equals = line.indexOf('=', i);
                String label = line.substring(i, equals);
                if (line.charAt(equals + 1) != '"') {
                    throw new IllegalArgumentException("not a sample: " + line);
                }
                StringBuilder value = new StringBuilder();
                int j = equals + 2;
                for (char c = line.charAt(j); c != '"'; c = line.charAt(j)) {
                    if (c == '\\') {
                        char escaped = line.charAt(++j);
                        value.append(escaped == 'n' ? '\n' : escaped);
                    } else {
                        value.append(c);
                    }
                    j++;
                }
                labels.put(label, value.toString());
                i = j + 1;
                if (line.charAt(i) == ',') {
                    i++;
                }
            }
            i++;
        }
        String[] rest = line.substring(i).trim().split(" ");
        if (name.isEmpty() || rest.length == 0 || rest[0].isEmpty()) {
            throw new IllegalArgumentException("not a sample: " + line);
        }
        return new ScrapedSample(name, labels, Double.parseDouble(rest[0]));
    }
}
