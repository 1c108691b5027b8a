package io.sockscope.cli.json;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.sockscope.api.internal.EntryMapper;
import io.sockscope.api.internal.NamespaceWorkload;
import io.sockscope.diagnose.Audit;
import io.sockscope.diagnose.AuditQuery;
import io.sockscope.diagnose.Diagnosis;
import io.sockscope.diagnose.Evidence;
import io.sockscope.diagnose.Finding;
import io.sockscope.diagnose.ListenerAudit;
import io.sockscope.diagnose.ReadableAddress;
import io.sockscope.diagnose.SocketSighting;
import io.sockscope.inspect.EntryNames;
import io.sockscope.inspect.OwnerResolver;
import io.sockscope.model.Owner;

import java.io.IOException;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Writes the doctor's answer (one diagnosis, or the audit of every listener) as JSON of schema v1
 * (docs/sockscope-doctor-v1.schema.json) with jackson-core's generator, indented by two spaces. Each finding keeps its evidence as text ({@code evidence}: the ss rows
 * and sentences the text output shows) and gives it structured too ({@code evidence_items}: sockets as the
 * listing's socket objects, those of another network namespace with the namespace and the workload, firewall
 * rules by table, chain and handle, facts as sentences).
 */
public final class DoctorJson {
    /** The schema's major version: members are added within it, never renamed or removed. */
    public static final int SCHEMA_VERSION = 1;
    /**
     * What the socket objects carry: the timer, which every dump reports; not tcp_info, memory, cgroup or TOS,
     * inet socket options, which the doctor does not ask the kernel for (they are null).
     */
    private static final EntryMapper.Details DETAILS = new EntryMapper.Details(true, false, false, false, false, false);

    private final JsonGenerator g;
    private final Function<Evidence, List<String>> evidenceText;
    private final EntryMapper mapper;
    private final EntryNames names;
    /** The owners of the sockets being written: the mapper asks for them by inode. */
    private final Map<Long, List<Owner>> owners = new HashMap<>();

    /**
     * @param evidenceText the lines of one piece of evidence as the text output shows them (without the header
     *                     line of ss rows)
     * @param names        interface, cgroup and protocol names for the socket objects
     * @param readerUid    the doctor's effective uid, which tells why an owner could not be seen
     */
    private DoctorJson(OutputStream out, Function<Evidence, List<String>> evidenceText, EntryNames names,
                       long readerUid) throws IOException {
        this.g = new JsonFactory().createGenerator(out, JsonEncoding.UTF8);
        // The stream is the caller's (stdout): flushed here, closed there.
        this.g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        this.g.setPrettyPrinter(new TwoSpaceIndent());
        this.evidenceText = evidenceText;
        this.names = names;
        this.mapper = new EntryMapper(DETAILS, names,
                OwnerResolver.of(inode -> owners.getOrDefault(inode, List.of()), readerUid));
    }

    /** One diagnosis, as {@code sockscope doctor TARGET --json} prints it. */
    public static void write(OutputStream out, HostFacts host, Diagnosis d, Function<Evidence, List<String>> evidenceText,
                             EntryNames names, long readerUid) throws IOException {
        DoctorJson w = new DoctorJson(out, evidenceText, names, readerUid);
        w.g.writeStartObject();
        w.head(host);
        w.diagnosis(d);
        w.g.writeEndObject();
        w.finish(out);
    }

    /**
     * The audit of every listener, as {@code sockscope doctor --all --json} prints it: the question asked, the
     * verdict over all, and for each listener where it listens, its sockets, its verdict in a word and its whole
     * diagnosis.
     */
    public static void writeAudit(OutputStream out, HostFacts host, Audit audit, AuditQuery query,
                                  Function<Evidence, List<String>> evidenceText, EntryNames names,
                                  long readerUid) throws IOException {
        DoctorJson w = new DoctorJson(out, evidenceText, names, readerUid);
        JsonGenerator g = w.g;
        g.writeStartObject();
        w.head(host);
        g.writeObjectFieldStart("audit");
        g.writeStringField("transport", query.transport().label());
        g.writeStringField("from", query.from() == null ? null : ReadableAddress.of(query.from()));
        g.writeBooleanField("firewall_examined", query.examineFirewall());
        g.writeEndObject();
        g.writeStringField("subject", audit.subject());
        g.writeStringField("verdict", audit.verdict());
        g.writeStringField("status", audit.status().label());
        g.writeStringField("firewall_problem", audit.firewallProblem());
        g.writeArrayFieldStart("listeners");
        for (ListenerAudit l : audit.listeners()) {
            g.writeStartObject();
            g.writeStringField("listener", l.describe());
            g.writeStringField("address", ReadableAddress.of(l.local().address()));
            g.writeNumberField("port", l.local().port());
            g.writeStringField("interface", l.interfaceName());
            g.writeStringField("owner", l.owner());
            g.writeStringField("label", l.label());
            g.writeStringField("status", l.diagnosis().status().label());
            g.writeArrayFieldStart("sockets");
            for (SocketSighting s : l.sockets()) {
                w.socket(s);
            }
            g.writeEndArray();
            g.writeObjectFieldStart("diagnosis");
            w.diagnosis(l.diagnosis());
            g.writeEndObject();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
        w.finish(out);
    }

    private void head(HostFacts host) throws IOException {
        g.writeNumberField("schema_version", SCHEMA_VERSION);
        g.writeStringField("tool", "sockscope " + host.toolVersion());
        g.writeFieldName("host");
        HostJson.write(g, host);
    }

    /** The members of one diagnosis: target, verdict, status, findings and what was looked at. */
    private void diagnosis(Diagnosis d) throws IOException {
        g.writeStringField("target", d.target());
        g.writeStringField("verdict", d.verdict());
        g.writeStringField("status", d.status().label());
        g.writeArrayFieldStart("findings");
        for (Finding f : d.findings()) {
            finding(f);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("looked_at");
        for (Evidence e : d.observations()) {
            item(e);
        }
        g.writeEndArray();
    }

    private void finding(Finding f) throws IOException {
        g.writeStartObject();
        g.writeStringField("code", f.code().name());
        g.writeStringField("severity", f.severity().label());
        g.writeStringField("summary", f.summary());
        g.writeArrayFieldStart("evidence");
        for (Evidence e : f.evidence()) {
            for (String line : evidenceText.apply(e)) {
                g.writeString(line);
            }
        }
        g.writeEndArray();
        g.writeStringField("fix", f.fix());
        g.writeArrayFieldStart("evidence_items");
        for (Evidence e : f.evidence()) {
            item(e);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private void item(Evidence e) throws IOException {
        g.writeStartObject();
        switch (e) {
            case Evidence.Sockets s -> {
                g.writeStringField("kind", "sockets");
                g.writeArrayFieldStart("sockets");
                for (SocketSighting sighting : s.sockets()) {
                    socket(sighting);
                }
                g.writeEndArray();
            }
            case Evidence.NamespaceSockets s -> {
                g.writeStringField("kind", "netns_sockets");
                NamespaceWorkloadJson.write(g, NamespaceWorkload.of(s.netns(), s.workload()));
                // Each socket object names the namespace and the workload too, as --all-netns lists them, and
                // its interface by the namespace's own names.
                EntryMapper there = mapper.inNamespace(s.netns(), new NamespaceNames(names, s.interfaceNames()),
                        socket -> s.workload());
                g.writeArrayFieldStart("sockets");
                for (SocketSighting sighting : s.sockets()) {
                    socket(sighting, there);
                }
                g.writeEndArray();
            }
            case Evidence.FirewallRule r -> {
                g.writeStringField("kind", "firewall_rule");
                g.writeStringField("family", r.family());
                g.writeStringField("table", r.table());
                g.writeStringField("chain", r.chain());
                if (r.handle() >= 0) {
                    g.writeNumberField("handle", r.handle());
                } else {
                    g.writeNullField("handle");
                }
                g.writeStringField("location", r.location());
                g.writeStringField("text", r.rule());
            }
            case Evidence.Fact f -> {
                g.writeStringField("kind", "fact");
                g.writeStringField("text", f.text());
            }
        }
        g.writeEndObject();
    }

    /** A socket as the listing writes it, with the owners the doctor saw. */
    private void socket(SocketSighting sighting) throws IOException {
        socket(sighting, mapper);
    }

    private void socket(SocketSighting sighting, EntryMapper with) throws IOException {
        owners.put(sighting.socket().inode(), sighting.owners());
        SocketJson.write(g, with.map(sighting.socket()));
    }

    /** The doctor's names, but another namespace's interfaces: its sockets' indexes are its own. */
    private record NamespaceNames(EntryNames names, Map<Integer, String> interfaces) implements EntryNames {
        @Override
        public String interfaceName(int ifindex) {
            return ifindex == 0 ? null : interfaces.get(ifindex);
        }

        @Override
        public String cgroupPath(long id) {
            return names.cgroupPath(id);
        }

        @Override
        public String netlinkProtocol(int protocol) {
            return names.netlinkProtocol(protocol);
        }
    }

    private void finish(OutputStream out) throws IOException {
        g.flush();
        out.write('\n');
        g.close();
        out.flush();
    }
}
