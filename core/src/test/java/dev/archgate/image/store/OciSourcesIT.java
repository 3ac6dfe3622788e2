package dev.archgate.image.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.archgate.ArchgateException;
import dev.archgate.testing.IntegrationTest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OCI archives and layout directories as buildx writes them with --output type=oci. */
@IntegrationTest
class OciSourcesIT {

    @Test
    void anOciArchiveIsReadInPlace(@TempDir Path dir) throws Exception {
        Path archive = dir.resolve("image.tar");
        SampleImage.build(SampleImage.context(dir.resolve("ctx"), "oci"), "--output", "type=oci,dest=" + archive);

        try (ImageSource source = ImageSource.ociArchive(archive, null)) {
            SampleImage.assertReadCorrectly(source);
        }
        assertThat(dir.resolve("blobs")).doesNotExist(); // nothing unpacked beside it
    }

    @Test
    void anOciLayoutDirectory(@TempDir Path dir) throws Exception {
        Path layout = dir.resolve("layout");
        SampleImage.build(SampleImage.context(dir.resolve("ctx"), "oci"), "--output", "type=oci,tar=false,dest=" + layout);

        try (ImageSource source = ImageSource.ociLayout(layout, null)) {
            SampleImage.assertReadCorrectly(source);
        }
    }

    @Test
    void whatIsNotAnOciLayoutSaysWhatToGive(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> new OciLayoutSource(dir, null)).isInstanceOf(ArchgateException.class)
                .hasMessage(dir + " is not an OCI image layout (no oci-layout and index.json): give the directory buildx wrote with "
                        + "--output type=oci,tar=false");
        Path junk = Files.writeString(dir.resolve("junk.tar"), "not a tar");
        assertThatThrownBy(() -> new OciArchiveSource(junk, null)).isInstanceOf(ArchgateException.class)
                .hasMessageStartingWith(junk + " ");
    }
}
