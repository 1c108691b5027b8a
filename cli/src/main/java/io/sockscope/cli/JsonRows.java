package io.sockscope.cli;

import io.sockscope.api.internal.EntryMapper;
import io.sockscope.cli.json.HostFacts;
import io.sockscope.cli.json.JsonListingWriter;
import io.sockscope.inspect.EffectiveUser;
import io.sockscope.inspect.EntryNames;
import io.sockscope.inspect.OwnerResolver;
import io.sockscope.inspect.SystemNames;
import io.sockscope.kernel.InterfaceNames;
import io.sockscope.model.SocketRecord;
import io.sockscope.names.MountTable;
import io.sockscope.render.ExtendedOutput;
import io.sockscope.render.OwnerLookup;

import java.io.IOException;
import java.io.OutputStream;

/**
 * {@code --json} and {@code --ndjson}: each socket the listing keeps, turned into the library's entry and
 * written by {@link JsonListingWriter}. What the entries carry follows the same options as ss's columns:
 * owners with {@code -p}, timers with {@code -o}/{@code -e}, memory with {@code -m}, tcp_info with {@code -i},
 * the cgroup path with {@code --cgroup}/{@code -e}, TOS and traffic class with {@code --tos}.
 */
final class JsonRows implements RowWriter {
    private final EntryMapper mapper;
    private final JsonListingWriter writer;

    private JsonRows(EntryMapper mapper, JsonListingWriter writer) {
        this.mapper = mapper;
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
        EntryNames names = new SystemNames(interfaces, mounts);
        OwnerResolver resolver = owners == null ? OwnerResolver.notRequested()
                : OwnerResolver.of(owners::owners, EffectiveUser.uid());
        JsonListingWriter writer = options.format() == OutputFormat.NDJSON ? JsonListingWriter.lines(out)
                : JsonListingWriter.document(out, HostFacts.current(Version.VALUE, namespace));
        return new JsonRows(new EntryMapper(details, names, resolver), writer);
    }

    @Override
    public void write(SocketRecord socket) throws IOException {
        writer.write(mapper.map(socket));
    }

    @Override
    public void finish() throws IOException {
        writer.finish();
    }
}
