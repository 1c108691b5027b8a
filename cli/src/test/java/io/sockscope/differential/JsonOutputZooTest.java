package io.sockscope.differential;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code --json} and {@code --ndjson} in the socket zoo, held to the installed {@code ss}: for each flag line,
 * the JSON lists exactly the sockets {@code ss} lists with the same flags (compared in ss's words, see
 * {@link ListingKeys}), with the owners ss shows in {@code users:(...)} and owner status {@code known} there
 * ({@code not-requested} everywhere without {@code -p}); every document and every NDJSON line conforms to
 * {@code docs/sockscope-v1.schema.json}; and the NDJSON lines are the document's sockets, one by one.
 *
 * <p>The zoo is a live kernel, so some things are set aside, as in {@link Differential}: each lister's own
 * sock_diag socket (it is in the netlink table it lists), the order of netlink sockets (the kernel rehashes
 * its table), and between the two JSON runs the numbers that move by themselves (timer expiry, tcp_info,
 * socket memory, netlink queues). When the listings disagree, everything runs once more and only a
 * disagreement that persists fails.
 *
 * <p>Skipped (with the reason) unless root with iproute2 and python3.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JsonOutputZooTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String MASKED = "*";
    private static final int SCHEMA_ERRORS_SHOWN = 30;

    private final CommandRunner runner = new CommandRunner();
    private final ToolCommands tools = ToolCommands.ofThisBuild();
    private SocketZoo zoo;
    private SchemaCheck schema;

    static Stream<FlagCase> flagLines() {
        return Stream.of(
                FlagCase.of("-tanp"),
                FlagCase.of("-uanp"),
                FlagCase.of("-xap"),
                FlagCase.of("-tlnp"),
                FlagCase.of("-0ap"),
                FlagCase.of("-wanp"),
                FlagCase.of("-A netlink -ap"),
                FlagCase.of("-anpe"),
                FlagCase.of("-tanpie"),
                FlagCase.of("-tanmi"),
                FlagCase.of("-uanm"),
                FlagCase.of("-tan --tos"),
                FlagCase.of("-tuwan --inet-sockopt"),
                FlagCase.of("-xaem"),
                FlagCase.of("-6tlnpe"),
                FlagCase.of("-4tan"),
                FlagCase.of("-6tan"),
                FlagCase.of("-tn state established"),
                FlagCase.of("-tno state time-wait"),
                FlagCase.of("-n state listening"),
                FlagCase.ofArguments("-tanp", "sport = :22 or dport = :22"),
                FlagCase.ofArguments("-tan", "src", "10.77.91.1"),
                FlagCase.ofArguments("-anp", "dev", "zoo0"));
    }

    @BeforeAll
    void startZoo() throws IOException, InterruptedException {
        ZooPreconditions.assumeZooCanRun();
        schema = SchemaCheck.load(SchemaCheck.repositoryFile());
        zoo = SocketZoo.start(runner);
    }

    @AfterAll
    void stopZoo() throws IOException {
        if (zoo != null) {
            zoo.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("flagLines")
    void jsonAndNdjsonListWhatSsLists(FlagCase flags) throws IOException, InterruptedException {
        tools.whyCandidateMissing().ifPresent(why -> fail(why + " (cannot run `" + flags + "`)"));
        zoo.keepTimeWaitFresh();
        Optional<String> why = mismatch(flags);
        if (why.isPresent()) {
            why = mismatch(flags); // the zoo may have moved between the runs
        }
        why.ifPresent(text -> fail("`" + flags.commandLine("sockscope") + "` with --json/--ndjson in netns "
                + zoo.namespace() + ":\n" + text + zoo.log()));
    }

    /**
     * With {@code --inet-sockopt}, each socket's {@code inet_sockopt} holds exactly the options ss prints for it
     * (matched by cookie), and is null where ss prints none (TIME-WAIT, sockets read from /proc).
     */
    @Test
    void socketOptionsAreTheOnesSsPrints() throws IOException, InterruptedException {
        tools.whyCandidateMissing().ifPresent(why -> fail(why));
        zoo.keepTimeWaitFresh();
        Optional<String> why = socketOptionMismatch();
        if (why.isPresent()) {
            why = socketOptionMismatch(); // the zoo may have moved between the runs
        }
        why.ifPresent(text -> fail(text + zoo.log()));
    }

    private Optional<String> socketOptionMismatch() throws IOException, InterruptedException {
        FlagCase flags = FlagCase.of("-tuwan --inet-sockopt");
        CommandResult ss = run(tools.ss(prepend(List.of("-eO"), flags.flags())), flags);
        CommandResult json = run(tools.candidate(prepend(List.of("--ndjson"), flags.flags())), flags);
        Map<String, String> fromSs = new TreeMap<>();
        Pattern cookie = Pattern.compile(" sk:([0-9a-f]+)");
        Pattern options = Pattern.compile(" inet-sockopt: \\(([^)]*)\\)");
        for (String line : ss.stdoutText().lines().skip(1).toList()) {
            Matcher c = cookie.matcher(line);
            Matcher o = options.matcher(line);
            if (c.find() && o.find()) {
                fromSs.put(c.group(1), o.group(1).strip());
            }
        }
        Map<String, String> fromJson = new TreeMap<>();
        for (String line : json.stdoutText().lines().toList()) {
            Map<String, Object> socket = JsonTree.object(line);
            if (socket.get("inet_sockopt") != null) {
                fromJson.put((String) socket.get("cookie"), ssWords(socket.get("inet_sockopt")));
            }
        }
        boolean optionsSeen = fromSs.values().stream().anyMatch(w -> w.contains("transparent"));
        if (fromSs.equals(fromJson) && optionsSeen) {
            return Optional.empty();
        }
        return Optional.of("inet_sockopt of `" + flags.commandLine("sockscope")
                + " --ndjson` (by cookie, in ss's words)"
                + (optionsSeen ? "" : "; ss shows no transparent socket of the zoo") + ":\n"
                + LineDiff.render("ss", text(fromSs), "JSON", text(fromJson)));
    }

    /** The options set, as ss names them, space-separated. */
    @SuppressWarnings("unchecked")
    private static String ssWords(Object options) {
        return ((Map<String, Object>) options).entrySet().stream()
                .filter(e -> Boolean.TRUE.equals(e.getValue()))
                .map(e -> e.getKey().equals("bind_address_no_port") ? "bind_addr_no_port" : e.getKey())
                .collect(Collectors.joining(" "));
    }

    private static String text(Map<String, String> byCookie) {
        return byCookie.entrySet().stream().map(e -> e.getKey() + " " + e.getValue() + "\n")
                .collect(Collectors.joining());
    }

    /** Everything this test holds the JSON to, for one flag line; empty when all of it holds. */
    private Optional<String> mismatch(FlagCase flags) throws IOException, InterruptedException {
        CommandResult ss = run(tools.ss(prepend(List.of("-neO"), flags.flags())), flags);
        CommandResult document = run(tools.candidate(prepend(List.of("--json"), flags.flags())), flags);
        CommandResult lines = run(tools.candidate(prepend(List.of("--ndjson"), flags.flags())), flags);
        List<String> problems = new ArrayList<>();
        for (CommandResult r : List.of(ss, document, lines)) {
            if (r.exitCode() != 0) {
                problems.add(r.describe() + "\n" + r.stderrText());
            }
        }
        if (!problems.isEmpty()) {
            return Optional.of(String.join("\n", problems));
        }

        // (c) the document and every line conform to the schema.
        String documentText = document.stdoutText();
        if (!documentText.endsWith("}\n") || documentText.indexOf('\n') != documentText.length() - 1) {
            problems.add("--json must print one document on one line ending in a newline");
        }
        List<String> schemaErrors = new ArrayList<>();
        schema.documentErrors(documentText).forEach(e -> schemaErrors.add("--json document: " + e));
        String linesText = lines.stdoutText();
        List<String> lineTexts = linesText.lines().toList();
        if (!linesText.isEmpty() && !linesText.endsWith("\n")) {
            problems.add("--ndjson output must end with a newline");
        }
        for (int n = 0; n < lineTexts.size(); n++) {
            int lineNumber = n + 1;
            schema.socketErrors(lineTexts.get(n)).forEach(e -> schemaErrors.add("--ndjson line " + lineNumber + ": " + e));
        }
        problems.addAll(schemaErrors.subList(0, Math.min(SCHEMA_ERRORS_SHOWN, schemaErrors.size())));
        if (schemaErrors.size() > SCHEMA_ERRORS_SHOWN) {
            problems.add("... and " + (schemaErrors.size() - SCHEMA_ERRORS_SHOWN) + " more schema errors");
        }
        try {
            compareWithSs(flags, ss, documentText, lineTexts, problems);
        } catch (RuntimeException e) {
            problems.add("the JSON could not be compared: " + e);
        }
        return problems.isEmpty() ? Optional.empty()
                : Optional.of(String.join("\n", problems) + "\nss -neO output:\n" + ss.stdoutText());
    }

    /** (d) the lines are the document's sockets; (a), (b) the document lists ss's sockets and owners. */
    private static void compareWithSs(FlagCase flags, CommandResult ss, String documentText, List<String> lineTexts,
                                      List<String> problems) {
        Map<String, Object> parsed = JsonTree.object(documentText);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> fromDocument = (List<Map<String, Object>>) parsed.get("sockets");
        List<Map<String, Object>> fromLines = lineTexts.stream().map(JsonTree::object).toList();

        // (d) the NDJSON lines are the document's sockets, one by one.
        sameSockets(fromDocument, fromLines).ifPresent(problems::add);

        // (a) and (b) the sockets, inodes and owners are ss's.
        List<String> ssLines = ss.stdoutText().lines().toList();
        if (ssLines.isEmpty()) {
            problems.add("ss printed no header");
            return;
        }
        ListingKeys.Columns columns = ListingKeys.Columns.ofHeader(ssLines.getFirst());
        String defaultNetid = fromDocument.isEmpty() ? "tcp" : (String) fromDocument.getFirst().get("netid");
        List<ListingKeys.Socket> expected = ListingKeys.fromSs(ss.stdoutText(), columns, defaultNetid);
        List<ListingKeys.Socket> actual = ListingKeys.fromJson(fromDocument, columns);
        sameListing(expected, actual).ifPresent(problems::add);
        ownerStatuses(fromDocument, asksForOwners(flags.flags())).ifPresent(problems::add);
    }

    /** The sockets ss lists and the JSON lists, key for key, with the same inodes and owners. */
    private static Optional<String> sameListing(List<ListingKeys.Socket> ss, List<ListingKeys.Socket> json) {
        Map<String, List<ListingKeys.Socket>> expected = byKey(ss);
        Map<String, List<ListingKeys.Socket>> actual = byKey(json);
        StringBuilder why = new StringBuilder();
        for (String key : union(expected, actual)) {
            List<ListingKeys.Socket> e = expected.getOrDefault(key, List.of());
            List<ListingKeys.Socket> a = actual.getOrDefault(key, List.of());
            if (e.size() != a.size()) {
                why.append("  ss lists ").append(e.size()).append(", the JSON ").append(a.size()).append(": ")
                        .append(key).append('\n');
                continue;
            }
            if (e.stream().allMatch(s -> s.inode() != null)) {
                List<String> ssInodes = sorted(e, ListingKeys.Socket::inode);
                List<String> jsonInodes = sorted(a, ListingKeys.Socket::inode);
                if (!ssInodes.equals(jsonInodes)) {
                    why.append("  inodes of ").append(key).append(": ss ").append(ssInodes).append(", JSON ")
                            .append(jsonInodes).append('\n');
                }
            }
            List<String> ssUsers = sorted(e, ListingKeys.Socket::users);
            List<String> jsonUsers = sorted(a, ListingKeys.Socket::users);
            boolean ssShowsOwners = e.stream().allMatch(s -> s.users() != null);
            if (ssShowsOwners && !ssUsers.equals(jsonUsers)) {
                why.append("  owners of ").append(key).append(": ss ").append(ssUsers).append(", JSON ")
                        .append(jsonUsers).append('\n');
            }
        }
        return why.isEmpty() ? Optional.empty()
                : Optional.of("the JSON does not list what ss lists (in ss's words: netid state queues local peer):\n"
                + why);
    }

    /** {@code known} exactly where processes are listed; {@code not-requested} everywhere without -p. */
    @SuppressWarnings("unchecked")
    private static Optional<String> ownerStatuses(List<Map<String, Object>> sockets, boolean owners) {
        StringBuilder why = new StringBuilder();
        for (Map<String, Object> s : sockets) {
            Map<String, Object> o = (Map<String, Object>) s.get("owners");
            String status = (String) o.get("status");
            boolean listed = !((List<Object>) o.get("processes")).isEmpty();
            boolean right = owners ? listed == status.equals("known") && !status.equals("not-requested")
                    : status.equals("not-requested") && !listed;
            if (!right) {
                why.append("  owners ").append(o).append(owners ? " with -p" : " without -p").append(" of ")
                        .append(JsonTreeText.brief(s)).append('\n');
            }
        }
        return why.isEmpty() ? Optional.empty() : Optional.of("owner status wrong:\n" + why);
    }

    /** The document's sockets and the NDJSON lines: the same, in the same order (netlink as a set). */
    private static Optional<String> sameSockets(List<Map<String, Object>> document, List<Map<String, Object>> lines) {
        List<String> a = comparable(document);
        List<String> b = comparable(lines);
        if (a.equals(b)) {
            return Optional.empty();
        }
        return Optional.of("the NDJSON lines are not the document's sockets (live values masked):\n"
                + LineDiff.render("--json sockets", String.join("\n", a) + "\n",
                "--ndjson lines", String.join("\n", b) + "\n"));
    }

    /** One text per socket, live values masked, the lister's own sock_diag socket out, netlink rows sorted. */
    private static List<String> comparable(List<Map<String, Object>> sockets) {
        List<String> others = new ArrayList<>();
        List<String> netlink = new ArrayList<>();
        for (Map<String, Object> s : sockets) {
            boolean isNetlink = "netlink".equals(s.get("family"));
            if (isNetlink && ((BigInteger) s.get("netlink_protocol")).intValue() == 4
                    && ((BigInteger) s.get("port_id")).signum() != 0) {
                continue;
            }
            Map<String, Object> m = masked(s);
            (isNetlink ? netlink : others).add(String.valueOf(m));
        }
        netlink.sort(null);
        others.addAll(netlink);
        return others;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> masked(Map<String, Object> socket) {
        Map<String, Object> m = new LinkedHashMap<>(socket);
        if (m.get("timer") instanceof Map<?, ?> timer) {
            Map<String, Object> t = new LinkedHashMap<>((Map<String, Object>) timer);
            t.put("expires_ms", MASKED);
            t.put("retransmits", MASKED);
            m.put("timer", t);
        }
        for (String live : List.of("tcp_info", "skmem")) {
            if (m.get(live) instanceof Map<?, ?> values) {
                Map<String, Object> v = new LinkedHashMap<>();
                values.keySet().forEach(k -> v.put((String) k, MASKED));
                m.put(live, v);
            }
        }
        if ("netlink".equals(m.get("family"))) {
            m.put("recv_q", MASKED);
            m.put("send_q", MASKED);
        }
        return m;
    }

    /** Whether the flags ask for owners: {@code -p} in a cluster of short options, or {@code --processes}. */
    static boolean asksForOwners(List<String> flags) {
        return flags.stream().anyMatch(f -> f.equals("--processes") || f.matches("-[A-Za-z0-9]*p[A-Za-z0-9]*"));
    }

    private CommandResult run(List<String> command, FlagCase flags) throws IOException, InterruptedException {
        return runner.run(zoo.inNamespace(command), flags.environment(), TIMEOUT);
    }

    private static List<String> prepend(List<String> first, List<String> rest) {
        return Stream.concat(first.stream(), rest.stream()).toList();
    }

    private static Map<String, List<ListingKeys.Socket>> byKey(List<ListingKeys.Socket> sockets) {
        return sockets.stream().filter(s -> !s.ownSockDiag())
                .collect(Collectors.groupingBy(ListingKeys.Socket::key, TreeMap::new, Collectors.toList()));
    }

    private static List<String> union(Map<String, ?> a, Map<String, ?> b) {
        TreeMap<String, Object> all = new TreeMap<>(a);
        all.putAll(b);
        return List.copyOf(all.keySet());
    }

    private static List<String> sorted(List<ListingKeys.Socket> sockets, Function<ListingKeys.Socket, String> field) {
        return sockets.stream().map(field).map(String::valueOf).sorted().toList();
    }

    /** Short texts of sockets for messages. */
    private static final class JsonTreeText {
        static String brief(Map<String, Object> s) {
            return s.get("netid") + " " + s.get("state") + " inode " + s.get("inode")
                    + (s.containsKey("local") ? " local " + s.get("local") : "")
                    + (s.containsKey("path") ? " path " + s.get("path") : "");
        }
    }
}
