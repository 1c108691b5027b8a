package io.sockscope.diagnose.system;

import io.sockscope.diagnose.OwnerProvider;
import io.sockscope.model.Owner;
import io.sockscope.model.WarningSink;
import io.sockscope.procmap.OwnerIndex;
import io.sockscope.procmap.OwnerScanner;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Socket owners from a {@code /proc} scan (the one {@code ss -p} does), limited to the inodes asked for. */
public final class ProcOwners implements OwnerProvider {
    private final Path procRoot;
    private final WarningSink warnings;
    private final ProcessIdentity self;

    public ProcOwners(Path procRoot, WarningSink warnings, ProcessIdentity self) {
        this.procRoot = procRoot;
        this.warnings = warnings;
        this.self = self;
    }

    @Override
    public Owners owners(Set<Long> inodes) {
        OwnerIndex index = OwnerScanner.create(warnings).scan(procRoot, false, inodes::contains);
        Map<Long, List<Owner>> byInode = new HashMap<>();
        for (long inode : inodes) {
            List<Owner> owners = index.owners(inode);
            if (!owners.isEmpty()) {
                byInode.put(inode, owners);
            }
        }
        String limitation = null;
        if (self.effectiveUid() != 0 && !self.hasCapability(ProcessIdentity.CAP_SYS_PTRACE)) {
            limitation = "not running as root (uid " + self.effectiveUid() + "): the descriptors of other users'"
                    + " processes cannot be read";
        }
        return new Owners(byInode, limitation);
    }
}
