package io.sockscope.cli;

import io.sockscope.diagnose.Evidence;
import io.sockscope.diagnose.SocketSighting;
import io.sockscope.model.Owner;
import io.sockscope.render.ListingFormat;
import io.sockscope.render.NameLookups;
import io.sockscope.render.SsListingWriter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns evidence into lines: sockets as the rows {@code ss -nap} prints, those of another network namespace under
 * a line naming it, rules and facts as sentences.
 */
final class DoctorEvidenceText {
    private final NameLookups names;

    DoctorEvidenceText(NameLookups names) {
        this.names = names;
    }

    /** The lines of one piece of evidence; sockets get ss's header line when {@code header} is set. */
    List<String> lines(Evidence evidence, boolean header) {
        return switch (evidence) {
            case Evidence.Sockets s -> rows(s.sockets(), header, names);
            case Evidence.NamespaceSockets s -> {
                List<String> lines = new ArrayList<>();
                lines.add(s.heading());
                lines.addAll(rows(s.sockets(), header, inside(s.interfaceNames())));
                yield lines;
            }
            case Evidence.FirewallRule r -> List.of("firewall: " + r.location() + ": " + r.rule());
            case Evidence.Fact f -> List.of(f.text());
        };
    }

    /** The same name tables, but the interface names of another namespace (a socket bound to a device). */
    private NameLookups inside(Map<Integer, String> interfaces) {
        return new NameLookups(names.services(), names.protocols(), names.netlinkProtocols(), names.processes(),
                index -> interfaces.getOrDefault(index, Integer.toString(index)), names.cgroups(), names.hosts());
    }

    private static List<String> rows(List<SocketSighting> sockets, boolean header, NameLookups names) {
        Map<Long, List<Owner>> owners = new HashMap<>();
        for (SocketSighting s : sockets) {
            owners.put(s.socket().inode(), s.owners());
        }
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        // Evidence is read by people, never parsed as ss output: names' control bytes are always escaped, so a
        // process name can neither split a row in two nor act on the terminal.
        ListingFormat format = new ListingFormat(true, true, header, true, true, false, -1).withEscapedControls(true);
        SsListingWriter writer = new SsListingWriter(buffer, format, names,
                inode -> owners.getOrDefault(inode, List.of()));
        try {
            if (header) {
                writer.header();
            }
            for (SocketSighting s : sockets) {
                writer.write(s.socket());
            }
            writer.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        List<String> lines = new ArrayList<>();
        for (String line : buffer.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                lines.add(line.stripTrailing());
            }
        }
        return lines;
    }
}
