package io.sockscope.cli;

import io.sockscope.cli.json.DoctorJson;
import io.sockscope.cli.json.HostFacts;
import io.sockscope.diagnose.Audit;
import io.sockscope.diagnose.Diagnosis;
import io.sockscope.diagnose.DiagnosisException;
import io.sockscope.diagnose.Doctor;
import io.sockscope.diagnose.Providers;
import io.sockscope.diagnose.system.SystemProviders;
import io.sockscope.inspect.EffectiveUser;
import io.sockscope.inspect.SystemNames;
import io.sockscope.kernel.InterfaceNames;
import io.sockscope.kernel.TerminalWidth;
import io.sockscope.model.WarningSink;
import io.sockscope.names.MountTable;
import io.sockscope.names.NetlinkProtocolNames;
import io.sockscope.names.ProcessNames;
import io.sockscope.names.ProtocolNames;
import io.sockscope.names.ServiceNames;
import io.sockscope.render.NameLookups;
import io.sockscope.source.ProcNetFile;
import io.sockscope.source.ProcPaths;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code sockscope doctor …}: parses the words after {@code doctor}, examines the live system and prints the
 * diagnosis (with {@code --all}, the audit of every listener: its exit status is that of the worst listener). Exit status: 0 nothing wrong, 1 a problem was found, 2 usage error, 3 the doctor could not
 * examine (the socket table was unreadable), 4 undecided: nothing wrong was found, but whether a client gets
 * through depends on the client (a firewall that lets some clients through and drops others) or on a ruleset
 * that could not be read. With {@code -N NAME} it examines that network namespace ({@link NamespaceRunner});
 * failing to enter it is exit 3.
 */
final class DoctorCommand {
    static final int OK = 0;
    static final int PROBLEM = 1;
    static final int USAGE = 2;
    static final int CANNOT_EXAMINE = 3;
    static final int UNDECIDED = 4;

    private DoctorCommand() {
    }

    static int run(String[] args, Map<String, String> environment, OutputStream stdout, PrintStream err) {
        DoctorOptions options;
        try {
            options = DoctorOptionsParser.parse(args);
        } catch (DoctorUsageException e) {
            err.println("sockscope doctor: " + e.getMessage() + " (sockscope doctor --help)");
            return USAGE;
        }
        try {
            if (options.help()) {
                write(stdout, DoctorHelp.TEXT);
                return OK;
            }
            // With -N everything is read on a thread inside that namespace: sockets, interfaces, /proc/net, nft.
            NamespaceRunner.Body body = () -> examine(options, environment, stdout, err);
            return options.namespace() == null ? body.run() : NamespaceRunner.run(options.namespace(), body);
        } catch (UsageException e) {
            // Only entering the namespace fails this way: nothing could be examined.
            err.println("sockscope doctor: " + e.getMessage());
            return CANNOT_EXAMINE;
        } catch (IOException e) {
            return PROBLEM; // stdout went away; nothing more can be said
        }
    }

    private static int examine(DoctorOptions options, Map<String, String> environment, OutputStream stdout,
                               PrintStream err) throws IOException {
        WarningSink warnings = message -> err.println("sockscope doctor: warning: " + message);
        Providers providers = SystemProviders.create(environment, warnings);
        Doctor doctor = new Doctor(providers);
        InterfaceNames interfaces = new InterfaceNames();
        DoctorEvidenceText evidence = new DoctorEvidenceText(names(new ProcPaths(environment), interfaces));
        HostFacts host = options.json() ? HostFacts.current(Version.VALUE, options.namespace()) : null;
        // On a terminal: wrapped to its width and coloured; piped: as written, for grep and scripts.
        TextStyle style = TextStyle.detect(environment, TerminalWidth.of(1));
        Audit audit = null;
        Diagnosis diagnosis = null;
        try {
            if (options.audit() != null) {
                audit = doctor.audit(options.audit());
            } else {
                diagnosis = options.reach() != null ? doctor.examine(options.reach()) : doctor.examine(options.bind());
            }
        } catch (java.nio.file.InvalidPathException e) {
            // The doctor follows a unix path through the JDK's files, which name files in the locale's charset.
            err.println("sockscope doctor: cannot name the file \"" + e.getInput() + "\" in this locale's character"
                    + " set (" + System.getProperty("sun.jnu.encoding") + "): run the doctor in a UTF-8 locale"
                    + " (LC_ALL=C.UTF-8)");
            return USAGE;
        } catch (IllegalArgumentException e) {
            err.println("sockscope doctor: " + e.getMessage());
            return USAGE;
        } catch (DiagnosisException e) {
            err.println("sockscope doctor: " + e.getMessage());
            return CANNOT_EXAMINE;
        }
        Diagnosis.Status status;
        if (audit != null) {
            status = audit.status();
            if (options.json()) {
                DoctorJson.writeAudit(stdout, host, audit, options.audit(), e -> evidence.lines(e, false),
                        new SystemNames(interfaces, MountTable.PROC), EffectiveUser.uid());
            } else {
                write(stdout, DoctorAuditTextReport.render(audit, evidence, style));
            }
        } else {
            status = diagnosis.status();
            if (options.json()) {
                DoctorJson.write(stdout, host, diagnosis, e -> evidence.lines(e, false), new SystemNames(interfaces, MountTable.PROC),
                        EffectiveUser.uid());
            } else {
                write(stdout, DoctorTextReport.render(diagnosis, evidence, style));
            }
        }
        return switch (status) {
            case OK -> OK;
            case PROBLEM -> PROBLEM;
            case UNDECIDED -> UNDECIDED;
        };
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static NameLookups names(ProcPaths paths, InterfaceNames interfaces) {
        return new NameLookups(
                new ServiceNames(Path.of("/etc/services"), paths.resolve(ProcNetFile.IP_LOCAL_PORT_RANGE)),
                new ProtocolNames(Path.of("/etc/protocols")),
                new NetlinkProtocolNames(Path.of("/etc/iproute2/nl_protos")),
                new ProcessNames(paths.procRoot()),
                interfaces::name);
    }
}
