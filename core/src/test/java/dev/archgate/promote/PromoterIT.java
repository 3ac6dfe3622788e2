package dev.archgate.promote;

import static org.assertj.core.api.Assertions.assertThat;

import dev.archgate.host.DockerCli;
import dev.archgate.testing.Fixtures;
import dev.archgate.testing.IntegrationTest;
import dev.archgate.testing.RealHostExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@IntegrationTest
class PromoterIT {
    private static final String INDEX = "application/vnd.oci.image.index.v1+json";

    @Test
    void promotedTagsPointAtExactlyTheTestedDigest() throws Exception {
        String source = Fixtures.named("good-static").image();
        String digest = digest(source);
        String tag = "v" + UUID.randomUUID().toString().substring(0, 8);
        String promoted = RealHostExtension.REGISTRY + "/archgate/it/promoted:" + tag;
        List<String> log = new ArrayList<>();

        PromotionResult result = new Promoter(new DockerCli("docker", Map.of())).promote(source.substring(0, source.lastIndexOf(':')) + "@" + digest,
                List.of(promoted), log::add);

        assertThat(result.succeeded()).as(String.join("\n", log)).isTrue();
        assertThat(result.promoted()).containsExactly(promoted);
        assertThat(digest(promoted)).isEqualTo(digest);
    }

    @Test
    void aTagThatCannotBeWrittenIsReportedWithTheRegistrysWords() throws Exception {
        String source = Fixtures.named("good-static").image();
        String byDigest = source.substring(0, source.lastIndexOf(':')) + "@" + digest(source);

        PromotionResult result = new Promoter(new DockerCli("docker", Map.of())).promote(byDigest, List.of("127.0.0.1:5999/nothing/here:1"), line -> { });

        assertThat(result.succeeded()).isFalse();
        assertThat(result.promoted()).isEmpty();
        assertThat(result.failure()).startsWith("cannot tag 127.0.0.1:5999/nothing/here:1: ").contains("5999");
    }

    private static String digest(String ref) throws Exception {
        int slash = ref.indexOf('/');
        int colon = ref.lastIndexOf(':');
        HttpResponse<Void> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://" + ref.substring(0, slash) + "/v2/"
                        + ref.substring(slash + 1, colon) + "/manifests/" + ref.substring(colon + 1)))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).header("Accept", INDEX).build(), HttpResponse.BodyHandlers.discarding());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.headers().firstValue("Docker-Content-Digest").orElseThrow();
    }
}
