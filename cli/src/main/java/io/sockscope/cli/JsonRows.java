package io.sockscope.cli;

import io.sockscope.api.internal.EntryMapper;
import io.sockscope.cli.json.HostFacts;
import io.sockscope.cli.json.JsonListingWriter;
import io.sockscope.inspect.EffectiveUser;
import io.sockscope.inspect.OwnerResolver;
import io.sockscope.inspect.SystemNames;
import io.sockscope.kernel.InterfaceNames;
import io.sockscope.model.Netns;
import io.sockscope.model.SocketRecord;
import io.sockscope.model.Workload;
import io.sockscope.names.MountTable;
import io.sockscope.render.ExtendedOutput;
import io.sockscope.render.OwnerLookup;
import io.sockscope.source.SocketSink;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.function.Function;

/**
 * {@code --json} and {@code --ndjson}: each socket the listing keeps, turned into the library's entry and
 * written by {@link JsonListingWriter}. What the entries carry follows the same options as ss's columns:
 * owners with {@code -p}, timers with {@code -o}/{@code -e}, memory with {@code -m}, tcp_info with {@code -i},
 * the cgroup path with {@code --cgroup}/{@code -e}, TOS and traffic class with {@code --tos}.
 *
 * <p>A listing of one namespace calls {@link #write} for each socket; its entries carry no namespace and no
 * workload. A listing across namespaces ({@code --all-netns}) asks {@link #namespace} for each namespace in turn
 * instead, and its entries carry both. Either way {@link #finish} ends the listing once. Not thread-safe: the
 * calls are made one after the other (a run across namespaces makes each namespace's on that namespace's thread,
 * after the previous namespace's have returned).
 */
final class JsonRows implements RowWriter {
    private final EntryMapper mapper;
    private final SystemNames names;
    private final JsonListingWriter writer;

    private JsonRows(EntryMapper mapper, SystemNames names, JsonListingWriter writer) {
        this.mapper = mapper;
        this.names = names;
        this.writer = writer;
    }

    /**
     * @param owners    the owner scan, or null when owners were not asked for
     * @param namespace the {@code -N} name, or null
     * @param mounts    the mount table cgroup paths are found by
     */
    static JsonRows open(ListingOptions options, OutputStream out, InterfaceNames interfaces, OwnerLookup owners,
                         String namespace, MountTable mounts) throws IOException {
        ExtendedOutput x = options.extended();
        EntryMapper.Details details = new EntryMapper.Details(x.timers(), x.memory(), x.tcpInfo(),
                x.cgroup() || x.details(), x.tos(), x.inetSockopt());
        SystemNames names = new SystemNames(interfaces, mounts);
        OwnerResolver resolver = owners == null ? OwnerResolver.notRequested()
                : OwnerResolver.of(owners::owners, EffectiveUser.uid());
        JsonListingWriter writer = options.format() == OutputFormat.NDJSON ? JsonListingWriter.lines(out)
                : JsonListingWriter.document(out, HostFacts.current(Version.VALUE, namespace));
        return new JsonRows(new EntryMapper(details, names, resolver), names, writer);
    }

    @Override
    public void write(SocketRecord socket) throws IOException {
        writer.write(mapper.map(socket));
    }

    /**
     * Where the sockets of one namespace of a listing across namespaces go, when its turn comes
     * ({@code NamespaceSink.started}): each is written with its {@code netns} and the container, pod and unit
     * {@code workloads} finds for it. Call this on a thread inside {@code netns}, which names its interfaces, and
     * use what it returns on that thread until the namespace's sockets are over; the next namespace's call comes
     * after. A write that fails throws {@link UncheckedIOException}, its cause the {@link IOException}.
     *
     * @param workloads what runs each socket's owner; may answer null or {@link Workload#NONE}
     */
    SocketSink namespace(Netns netns, Function<? super SocketRecord, Workload> workloads) {
        EntryMapper here = mapper.inNamespace(netns, names.withInterfaces(new InterfaceNames()), workloads);
        return socket -> {
            try {
                writer.write(here.map(socket));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    @Override
    public void finish() throws IOException {
        writer.finish();
    }
}
