package io.sockscope.diagnose.system;

import io.sockscope.diagnose.FirewallProvider;
import io.sockscope.diagnose.ProviderException;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The ruleset from {@code nft -j list ruleset} (and, when asked, its text form {@code nft -a list ruleset}), run
 * in the doctor's network namespace. iptables-nft rules are
 * part of it; rules of the legacy iptables back end are not (nft cannot see them).
 */
public final class NftRuleset implements FirewallProvider {
    private static final long TIMEOUT_SECONDS = 10;
    /** nft lives in sbin, which is often not on an ordinary user's PATH. */
    private static final List<String> EXTRA_DIRECTORIES = List.of("/usr/sbin", "/sbin", "/usr/local/sbin");

    private final Map<String, String> environment;

    /** @param environment where to look for nft ({@code PATH}) */
    public NftRuleset(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public String rulesetJson() throws ProviderException {
        return run("-j", "list", "ruleset");
    }

    @Override
    public Optional<String> rulesetText() throws ProviderException {
        return Optional.of(run("-a", "list", "ruleset"));
    }

    private String run(String... arguments) throws ProviderException {
        Path nft = find().orElseThrow(() -> new ProviderException(
                "nft is not installed (apt-get install nftables), so the firewall ruleset cannot be read"));
        List<String> command = new ArrayList<>();
        command.add(nft.toString());
        command.addAll(List.of(arguments));
        String shown = "nft " + String.join(" ", arguments);
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new ProviderException("cannot run " + nft + ": " + e.getMessage(), e);
        }
        CompletableFuture<byte[]> out = drain(p.getInputStream());
        CompletableFuture<byte[]> err = drain(p.getErrorStream());
        try {
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new ProviderException(shown + " did not finish within " + TIMEOUT_SECONDS + " s");
            }
            String stderr = new String(err.join(), StandardCharsets.UTF_8).strip();
            if (p.exitValue() != 0) {
                String first = stderr.lines().findFirst().orElse("exit code " + p.exitValue());
                throw new ProviderException(shown + " failed: " + first);
            }
            return new String(out.join(), StandardCharsets.UTF_8);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new ProviderException("interrupted while running nft", e);
        } catch (UncheckedIOException e) {
            throw new ProviderException("cannot read nft's output: " + e.getCause().getMessage(), e);
        }
    }

    private Optional<Path> find() {
        List<String> dirs = new ArrayList<>();
        String path = environment.getOrDefault("PATH", "/usr/bin:/bin");
        for (String d : path.split(":")) {
            if (!d.isEmpty()) {
                dirs.add(d);
            }
        }
        dirs.addAll(EXTRA_DIRECTORIES);
        for (String d : dirs) {
            Path candidate = Path.of(d, "nft");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static CompletableFuture<byte[]> drain(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                ByteArrayOutputStream b = new ByteArrayOutputStream();
                in.transferTo(b);
                return b.toByteArray();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
