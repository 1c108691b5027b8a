package io.sockscope.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A system user made for one test (useradd, root only) and removed, with its group, when closed: no home, no
 * shell, a name no one else has ({@code sockscope-t} and digits).
 */
final class ThrowawayUser implements AutoCloseable {

    private final String name;
    private final int uid;
    private final int gid;

    ThrowawayUser() throws IOException {
        name = "sockscope-t" + ThreadLocalRandom.current().nextInt(1_000_000, 10_000_000);
        run("useradd", "--system", "--user-group", "--no-create-home", "--home-dir", "/nonexistent",
                "--shell", "/usr/sbin/nologin", name);
        try {
            uid = Integer.parseInt(run("id", "-u", name).strip());
            gid = Integer.parseInt(run("id", "-g", name).strip());
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    String name() {
        return name;
    }

    int uid() {
        return uid;
    }

    int gid() {
        return gid;
    }

    /** The prefix that runs a command as this user, with no supplementary groups. */
    List<String> prefix() {
        return LauncherCheckout.asUser(uid, gid);
    }

    @Override
    public void close() throws IOException {
        run("userdel", name);
        // userdel removes the user's own group with it where USERGROUPS_ENAB is on (Debian's default).
        try {
            run("getent", "group", name);
        } catch (IOException e) {
            return; // no such group: gone with the user
        }
        run("groupdel", name);
    }

    private static String run(String... command) throws IOException {
        // useradd and its kind live in /usr/sbin, which is not on every PATH.
        if (java.nio.file.Files.isExecutable(java.nio.file.Path.of("/usr/sbin", command[0]))) {
            command[0] = "/usr/sbin/" + command[0];
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", command), e);
        }
        return output;
    }
}
