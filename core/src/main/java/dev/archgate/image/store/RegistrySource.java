package dev.archgate.image.store;

import com.google.cloud.tools.jib.api.Credential;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.archgate.ArchgateException;
import dev.archgate.image.model.Descriptor;
import dev.archgate.image.model.ImageReference;
import dev.archgate.image.model.MediaTypes;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

/**
 * Reads an image from a registry over the Distribution API. Credentials come from the docker
 * config ({@code $DOCKER_CONFIG/config.json}, else {@code ~/.docker/config.json}) and its
 * credential helpers, through jib-core, so that what works for {@code docker pull} works here.
 * The protocol itself is spoken directly rather than through jib's RegistryClient: its index
 * templates (jib-core 0.27.2: OciIndexTemplate and V22ManifestListTemplate platforms hold only
 * os and architecture) drop the platform variant, which tells arm/v6 from arm/v7, and its
 * manifest pulls return parsed templates, not the bytes whose digest was served. Plain http is
 * used for loopback registries and for those the user marks insecure, as docker does.
 * Redirects are followed here, not by the HTTP client, so that a registry's token is never
 * sent to the storage a blob redirect points at (the JDK client would forward it).
 */
final class RegistrySource implements ContentStore {
    private static final Pattern CHALLENGE_PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]", "::1");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int MAX_REDIRECTS = 5;
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

    private final ImageReference reference;
    private final URI base;
    private final Path dockerConfig;
    private volatile String authorization;

    /**
     * @param insecureRegistries registries (host[:port]) to reach over plain http, as in docker's daemon.json
     * @param dockerConfig the docker client's config.json that holds logins and credential helpers
     */
    RegistrySource(ImageReference reference, Set<String> insecureRegistries, Path dockerConfig) {
        this.reference = reference;
        this.dockerConfig = dockerConfig;
        String host = reference.registry().equals(ImageReference.DOCKER_HUB) ? "registry-1.docker.io" : reference.registry();
        String hostOnly = host.startsWith("[") ? host.substring(0, host.indexOf(']') + 1) : host.split(":")[0];
        boolean plain = LOOPBACK.contains(hostOnly) || insecureRegistries.contains(reference.registry());
        this.base = URI.create((plain ? "http://" : "https://") + host + "/v2/" + reference.repository());
    }

    /**
     * The clients are the process's, made on first use: each holds a selector thread until it is
     * collected, so a client per read piled threads up in a long-lived JVM (RunsLeaveNothingIT).
     * For http:// addresses no TLS is set up (the default SSL context parses the whole trust store).
     */
    private static final class PlainHttp {
        static final HttpClient CLIENT = clientBuilder().sslContext(noTls()).build();
    }

    /** For https:// addresses (the registry, its token realm, a redirect's target). */
    private static final class Tls {
        static final HttpClient CLIENT = clientBuilder().build();
    }

    private static HttpClient.Builder clientBuilder() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER);
    }

    /** A context that trusts nothing (empty trust managers), given to the client that never speaks TLS. */
    private static SSLContext noTls() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[0], null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM has no TLS implementation", e);
        }
    }

    private static HttpClient http(URI uri) {
        return "https".equalsIgnoreCase(uri.getScheme()) ? Tls.CLIENT : PlainHttp.CLIENT;
    }

    @Override
    public String name() {
        return reference.toString();
    }

    @Override
    public Served top() throws IOException {
        String asked = reference.manifestReference();
        HttpResponse<InputStream> r = send("/manifests/" + asked, MediaTypes.ACCEPT_ANY_MANIFEST, HttpResponse.BodyHandlers.ofInputStream());
        // By digest, the digest asked for is the claim; by tag, the one the registry names.
        String claimed = asked.contains(":") ? asked : r.headers().firstValue("Docker-Content-Digest").orElse(null);
        return new Served(claimed, -1, contentType(r), r.body());
    }

    @Override
    public Served manifest(Descriptor manifest) throws IOException {
        HttpResponse<InputStream> r = send("/manifests/" + manifest.digest(), MediaTypes.ACCEPT_ANY_MANIFEST,
                HttpResponse.BodyHandlers.ofInputStream());
        return new Served(manifest.digest(), manifest.size(), contentType(r), r.body());
    }

    private static String contentType(HttpResponse<?> r) {
        return r.headers().firstValue("Content-Type").map(t -> t.split(";")[0].trim()).orElse("");
    }

    @Override
    public InputStream blob(Descriptor blob) throws IOException {
        return send("/blobs/" + blob.digest(), "*/*", HttpResponse.BodyHandlers.ofInputStream()).body();
    }

    private <T> HttpResponse<T> send(String path, String accept, HttpResponse.BodyHandler<T> body) throws IOException {
        HttpResponse<T> r = request(path, accept, body);
        if (r.statusCode() == 401) {
            closeQuietly(r);
            authenticate(r.headers().firstValue("WWW-Authenticate").orElse(""));
            r = request(path, accept, body);
        }
        int status = r.statusCode();
        if (status == 200) {
            return r;
        }
        closeQuietly(r);
        if (status == 401 || status == 403) {
            throw new ArchgateException("registry " + reference.registry() + " refused access to " + reference.repository() + " (HTTP "
                    + status + "): run 'docker login " + reference.registry() + "' with an account that may pull it",
                    ArchgateException.Kind.USAGE);
        }
        if (status == 404) {
            String what = path.startsWith("/manifests/") ? "image " + reference.registry() + "/" + reference.repository() + ":"
                    + path.substring("/manifests/".length()) : "blob " + path.substring("/blobs/".length()) + " of " + reference;
            throw new ArchgateException(what + " does not exist in the registry: check the name and tag, or push it first",
                    ArchgateException.Kind.USAGE);
        }
        throw new ArchgateException("registry " + reference.registry() + " answered HTTP " + status + " for " + path
                + ": retry, or check the registry's health", ArchgateException.Kind.ENVIRONMENT);
    }

    private <T> HttpResponse<T> request(String path, String accept, HttpResponse.BodyHandler<T> body) throws IOException {
        URI uri = URI.create(base + path);
        for (int hops = 0; ; hops++) {
            HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Accept", accept);
            if (authorization != null && sameOrigin(uri, base)) {
                b.header("Authorization", authorization);
            }
            HttpResponse<T> r;
            try {
                HttpRequest request = b.build();
                r = http(request.uri()).send(request, body);
            } catch (IOException e) {
                throw unreachable(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while reading from " + reference.registry());
            }
            Optional<String> location = r.headers().firstValue("Location");
            if (!REDIRECTS.contains(r.statusCode()) || location.isEmpty() || hops == MAX_REDIRECTS) {
                return r;
            }
            closeQuietly(r);
            uri = uri.resolve(location.get());
        }
    }

    static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost().equalsIgnoreCase(b.getHost()) && port(a) == port(b);
    }

    private static int port(URI u) {
        return u.getPort() != -1 ? u.getPort() : u.getScheme().equalsIgnoreCase("https") ? 443 : 80;
    }

    private ArchgateException unreachable(IOException e) {
        return new ArchgateException("registry " + reference.registry() + " is unreachable (" + TransportFaults.describe(e)
                + "): check the address and that it is running", ArchgateException.Kind.ENVIRONMENT, e);
    }

    /** Answers a 401 challenge: Basic with the stored credential, or Bearer with a token fetched by it. */
    private synchronized void authenticate(String challenge) throws IOException {
        Optional<Credential> credential = credential();
        String scheme = challenge.split(" ", 2)[0];
        if (scheme.equalsIgnoreCase("Basic")) {
            Credential c = credential.orElseThrow(this::noCredentials);
            authorization = "Basic " + Base64.getEncoder().encodeToString((c.getUsername() + ":" + c.getPassword()).getBytes(StandardCharsets.UTF_8));
            return;
        }
        if (!scheme.equalsIgnoreCase("Bearer")) {
            throw noCredentials();
        }
        Map<String, String> params = new LinkedHashMap<>();
        Matcher m = CHALLENGE_PARAM.matcher(challenge);
        while (m.find()) {
            params.put(m.group(1), m.group(2));
        }
        if (!params.containsKey("realm")) {
            throw new ArchgateException("registry " + reference.registry() + " asks for a token without saying where to get one ("
                    + challenge + "): check the registry's address", ArchgateException.Kind.ENVIRONMENT);
        }
        String scope = params.getOrDefault("scope", "repository:" + reference.repository() + ":pull");
        String url = params.get("realm") + "?service=" + URLEncoder.encode(params.getOrDefault("service", ""), StandardCharsets.UTF_8)
                + "&scope=" + URLEncoder.encode(scope, StandardCharsets.UTF_8);
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT);
        credential.ifPresent(c -> b.header("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString((c.getUsername() + ":" + c.getPassword()).getBytes(StandardCharsets.UTF_8))));
        HttpResponse<String> token;
        try {
            HttpRequest request = b.build();
            token = http(request.uri()).send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while logging in to " + reference.registry());
        }
        if (token.statusCode() != 200) {
            throw new ArchgateException("registry " + reference.registry() + " refused a token for " + reference.repository() + " (HTTP "
                    + token.statusCode() + "): run 'docker login " + reference.registry() + "'", ArchgateException.Kind.USAGE);
        }
        authorization = "Bearer " + token(token.body());
    }

    private String token(String json) {
        try {
            JsonObject o = JsonParser.parseString(json).getAsJsonObject();
            return o.has("token") ? o.get("token").getAsString() : o.get("access_token").getAsString();
        } catch (RuntimeException e) {
            throw new ArchgateException("the token service of registry " + reference.registry() + " answered without a token: "
                    + "check the registry's address", ArchgateException.Kind.ENVIRONMENT, e);
        }
    }

    private ArchgateException noCredentials() {
        return new ArchgateException("registry " + reference.registry() + " asks for credentials and none are configured: run 'docker login "
                + reference.registry() + "'", ArchgateException.Kind.USAGE);
    }

    private Optional<Credential> credential() {
        return RegistryCredentials.find(reference.registry(), reference.repository(), dockerConfig);
    }

    private static void closeQuietly(HttpResponse<?> r) {
        if (r.body() instanceof InputStream in) {
            try {
                in.close();
            } catch (IOException e) {
                // the response is being discarded anyway
            }
        }
    }
}
