package io.sockscope.diagnose;

import java.util.Optional;

/** Users and groups. */
public interface AccountProvider {
    /** The user the doctor runs as, with its capabilities. */
    Account current() throws ProviderException;

    /** The user called {@code name} (or with that uid when {@code name} is a number), or empty when unknown. */
    Optional<Account> byName(String name) throws ProviderException;

    /** The name of user {@code uid}, for showing file owners; empty when it has none. */
    Optional<String> userName(int uid);

    /** The name of group {@code gid}; empty when it has none. */
    Optional<String> groupName(int gid);
}
