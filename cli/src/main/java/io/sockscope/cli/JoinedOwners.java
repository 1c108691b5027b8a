package io.sockscope.cli;

import io.sockscope.model.Owner;
import io.sockscope.query.OwnerJoin;
import io.sockscope.render.OwnerLookup;

import java.util.List;

/**
 * The engine's owner join as the listing's writers look owners up. A class rather than a method reference,
 * which a fresh JVM would spin at run time (docs/startup.md).
 */
final class JoinedOwners implements OwnerLookup {
    private final OwnerJoin join;

    JoinedOwners(OwnerJoin join) {
        this.join = join;
    }

    @Override
    public List<Owner> owners(long inode) {
        return join.owners(inode);
    }
}
