package dev.archgate.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import com.thoughtworks.xstream.XStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A freestyle job's builder as config.xml stores it: XStream 1.4.21, the version Jenkins 2.541.3 bundles (jenkinsci/jenkins
 * bom/pom.xml at jenkins-2.541.3), writes the builder's fields by reflection. Lists must be plain ArrayLists: a
 * {@code List.of} list is written as {@code java.util.ImmutableCollections$ListN}, a JDK-internal class that XStream can
 * only reflect into with {@code --add-opens java.base/java.util} (which Jenkins adds only since 2.492).
 */
class ConfigXmlTest {
    @TempDir
    Path workspace;

    @Test
    void aBuilderIsStoredWithPlainListsAndReadBackAsTheSameGate() throws Exception {
        ArchgateBuilder builder = ParameterBindingTest.bind(new ArchgateBuilder(), Map.of("image", "reg.example/app:1",
                "platforms", List.of("linux/amd64\nlinux/arm64"), "checks", List.of("policy.root-user=info"),
                "smoke", List.of(ParameterBindingTest.bind(new SmokeEntry(), Map.of("command", List.of("/app", "--version"))))));
        XStream xstream = new XStream();
        xstream.allowTypesByWildcard(new String[] {"dev.archgate.jenkins.**"});

        String xml = xstream.toXML(builder);

        assertThat(xml).doesNotContain("ImmutableCollections").contains("<platforms>", "<string>linux/arm64</string>");
        ArchgateBuilder read = (ArchgateBuilder) xstream.fromXML(xml);
        assertThat(read.parameters().toSpec(workspace, name -> null)).isEqualTo(builder.parameters().toSpec(workspace, name -> null));
    }
}
