package dev.archgate.image.store;

import com.google.cloud.tools.jib.api.Credential;
import com.google.cloud.tools.jib.api.CredentialRetriever;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import com.google.cloud.tools.jib.frontend.CredentialRetrieverFactory;
import com.google.cloud.tools.jib.registry.credentials.CredentialRetrievalException;
import dev.archgate.ArchgateException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The login the docker client would use for a registry, from every source of its config.json as
 * docker/cli's {@code cli/config/configfile} orders them: the registry's {@code credHelpers} entry,
 * else the {@code credsStore}, else {@code auths} (a helper is asked as docker asks it:
 * {@code docker-credential-NAME get} with the server on standard input). jib reads the file; the
 * engine's own pull gets the result explicitly, since the Engine API takes credentials per request
 * and docker-java's config reader takes only {@code auths}.
 */
public final class RegistryCredentials {
    private RegistryCredentials() {}

    /**
     * @param registry host[:port] as in an image reference ({@code docker.io} for Docker Hub)
     * @return the login, or empty when the config names none for the registry
     * @throws ArchgateException (usage) when a helper the config names fails or cannot be run
     */
    public static Optional<Credential> find(String registry, String repository, Path dockerConfig) {
        try {
            var reference = com.google.cloud.tools.jib.api.ImageReference.parse(registry + "/" + repository);
            CredentialRetrieverFactory factory = CredentialRetrieverFactory.forImage(reference, event -> { });
            for (CredentialRetriever retriever : List.of(factory.dockerConfig(dockerConfig), factory.wellKnownCredentialHelpers())) {
                Optional<Credential> c = retriever.retrieve();
                if (c.isPresent()) {
                    return c;
                }
            }
            return Optional.empty();
        } catch (InvalidImageReferenceException | CredentialRetrievalException e) {
            throw new ArchgateException("cannot read the credentials for " + registry + " (" + e.getMessage()
                    + "): check " + dockerConfig + " and its credential helpers", ArchgateException.Kind.USAGE, e);
        }
    }
}
