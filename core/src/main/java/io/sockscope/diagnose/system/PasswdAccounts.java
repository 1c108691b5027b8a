package io.sockscope.diagnose.system;

import io.sockscope.diagnose.Account;
import io.sockscope.diagnose.AccountProvider;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Users and groups from {@code /etc/passwd} and {@code /etc/group} (local accounts; users known only to
 * LDAP or other NSS sources are not found), and the doctor's own identity from {@code /proc/self/status}.
 */
public final class PasswdAccounts implements AccountProvider {
    private final Path passwd;
    private final Path group;
    private final ProcessIdentity self;

    public PasswdAccounts(Path passwd, Path group, ProcessIdentity self) {
        this.passwd = passwd;
        this.group = group;
        this.self = self;
    }

    @Override
    public Account current() {
        Set<Integer> groups = new HashSet<>(self.groups());
        groups.add(self.effectiveGid());
        String name = userName(self.effectiveUid()).orElse(Integer.toString(self.effectiveUid()));
        return new Account(name, self.effectiveUid(), self.effectiveGid(), groups,
                self.hasCapability(ProcessIdentity.CAP_NET_BIND_SERVICE));
    }

    @Override
    public Optional<Account> byName(String name) {
        for (String[] f : entries(passwd)) {
            if (f.length < 4) {
                continue;
            }
            if (f[0].equals(name) || f[2].equals(name)) {
                try {
                    int uid = Integer.parseInt(f[2]);
                    int gid = Integer.parseInt(f[3]);
                    Set<Integer> groups = new HashSet<>();
                    groups.add(gid);
                    groups.addAll(memberships(f[0]));
                    return Optional.of(new Account(f[0], uid, gid, groups, false));
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
            }
        }
        if (name.matches("\\d{1,9}")) {
            int uid = Integer.parseInt(name);
            return Optional.of(new Account(name, uid, uid, Set.of(uid), false));
        }
        return Optional.empty();
    }

    @Override
    public Optional<String> userName(int uid) {
        return nameOf(passwd, uid);
    }

    @Override
    public Optional<String> groupName(int gid) {
        return nameOf(group, gid);
    }

    private Set<Integer> memberships(String user) {
        Set<Integer> out = new HashSet<>();
        for (String[] f : entries(group)) {
            if (f.length >= 4 && List.of(f[3].split(",")).contains(user)) {
                try {
                    out.add(Integer.parseInt(f[2]));
                } catch (NumberFormatException e) {
                    // a damaged line: skip it
                }
            }
        }
        return out;
    }

    private static Optional<String> nameOf(Path file, int id) {
        String wanted = Integer.toString(id);
        for (String[] f : entries(file)) {
            if (f.length >= 3 && f[2].equals(wanted)) {
                return Optional.of(f[0]);
            }
        }
        return Optional.empty();
    }

    private static List<String[]> entries(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                    .filter(l -> !l.isBlank() && !l.startsWith("#"))
                    .map(l -> l.split(":", -1))
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
