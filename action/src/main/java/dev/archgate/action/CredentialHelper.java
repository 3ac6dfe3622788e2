package dev.archgate.action;

import dev.archgate.ArchgateException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * A docker credential helper ({@code docker-credential-archgate}) that answers from the step's
 * {@code registry}, {@code username} and {@code password} inputs, which the runner passes in the
 * environment. The action image's docker config names it as the credentials store, so the docker
 * CLI (buildx, promotion) and jib get the login without the password ever being written to a file.
 */
public final class CredentialHelper {
    private static final String NOT_FOUND = "credentials not found in native keychain";
    /** The docker configuration directory of the action's image (its DOCKER_CONFIG). */
    static final String IMAGE_DOCKER_CONFIG = "/etc/archgate/docker";

    private CredentialHelper() {}

    public static void main(String[] args) throws IOException {
        Inputs in = new Inputs(System.getenv());
        String verb = args.length == 0 ? "" : args[0];
        switch (verb) {
            case "get" -> {
                String server = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
                String answer = answer(in, server == null ? "" : server.trim());
                if (answer == null) {
                    System.out.println(NOT_FOUND);
                    System.exit(1);
                }
                System.out.print(answer);
            }
            case "list" -> System.out.print("{}");
            // The action keeps no credentials: a docker login inside it has nothing to store.
            case "store", "erase" -> System.in.transferTo(java.io.OutputStream.nullOutputStream());
            default -> {
                System.out.println("usage: docker-credential-archgate get|list|store|erase");
                System.exit(1);
            }
        }
    }

    /** The helper's JSON answer for {@code server}, or null when the inputs name no login for it. */
    static String answer(Inputs in, String server) {
        String password = in.raw("password");
        if (password == null || !matches(in.get("registry"), server)) {
            return null;
        }
        return "{\"ServerURL\":" + json(server) + ",\"Username\":" + json(in.get("username")) + ",\"Secret\":" + json(password) + "}";
    }

    /**
     * With a login in the inputs, names this helper as the credentials store of the image's own
     * docker configuration (the file holds no secret). A DOCKER_CONFIG of the user's is left alone:
     * its logins are used, and the inputs' login is not.
     *
     * @return a warning to show, or null
     */
    static String configure(Inputs in, Map<String, String> env) {
        if (in.raw("password") == null) {
            return null;
        }
        String dir = env.getOrDefault("DOCKER_CONFIG", "");
        if (!dir.equals(IMAGE_DOCKER_CONFIG)) {
            return "DOCKER_CONFIG is " + dir + ", so the registry logins come from its config.json and the inputs 'username' and "
                    + "'password' are not used: unset DOCKER_CONFIG to log in with the inputs";
        }
        try {
            Files.createDirectories(Path.of(dir));
            Files.writeString(Path.of(dir, "config.json"), "{\"credsStore\":\"archgate\"}\n");
            return null;
        } catch (IOException e) {
            return "cannot name the credential helper in " + dir + "/config.json (" + e.getMessage() + "), so the inputs' login is not "
                    + "used: point DOCKER_CONFIG at a writable directory";
        }
    }

    /** A password without a user name (or the other way round) is a mistake to name before anything runs. */
    static void requireComplete(Inputs in) {
        if ((in.raw("password") == null) != (in.get("username") == null)) {
            throw ArchgateException.usage("only one of the inputs 'username' and 'password' is set: give both for a registry login, or neither");
        }
    }

    /** Docker Hub when no registry is given, as docker login does. */
    static boolean matches(String registry, String server) {
        String want = host(registry == null ? "docker.io" : registry);
        String got = host(server);
        return want.equals(got) || want.equals("docker.io") && (got.equals("index.docker.io") || got.equals("registry-1.docker.io"));
    }

    private static String host(String s) {
        String h = s.toLowerCase(Locale.ROOT).replaceFirst("^https?://", "");
        int slash = h.indexOf('/');
        return slash < 0 ? h : h.substring(0, slash);
    }

    /** {@code s} as a JSON string. */
    static String json(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
