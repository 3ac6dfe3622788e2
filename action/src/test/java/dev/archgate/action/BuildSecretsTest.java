package dev.archgate.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.archgate.ArchgateException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The secrets inputs become buildx --secret specs as docker/build-push-action makes them
 * (__tests__/context.test.ts: {@code --secret id=GIT_AUTH_TOKEN,src=<tmpfile>} for a secrets line,
 * {@code id=ID,src=PATH} for a secret-files line), the values in files only this user reads.
 */
class BuildSecretsTest {
    @TempDir
    Path workspace;

    private static Inputs inputs(String secrets, String files) {
        return new Inputs(Map.of(Inputs.variable("secrets"), secrets, Inputs.variable("secret-files"), files));
    }

    @Test
    void eachValueIsInAFileOfItsOwnReadableByThisUserAloneUntilClose() throws Exception {
        Path src;
        try (BuildSecrets s = BuildSecrets.from(inputs("GIT_AUTH_TOKEN=abcdefgh,ijklmno=0123456789\n\"MYSECRET=aaaa\n\nbbbb\"", "MY_SECRET=./secret.txt"),
                workspace)) {
            assertThat(s.specs()).hasSize(3);
            assertThat(s.specs().get(0)).isEqualTo("id=MY_SECRET,src=" + workspace.resolve("secret.txt"));
            assertThat(s.specs().get(1)).startsWith("id=GIT_AUTH_TOKEN,src=").doesNotContain("abcdefgh");
            src = Path.of(s.specs().get(1).substring("id=GIT_AUTH_TOKEN,src=".length()));
            assertThat(Files.readString(src)).isEqualTo("abcdefgh,ijklmno=0123456789");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(src))).isEqualTo("rw-------");
            Path multi = Path.of(s.specs().get(2).substring("id=MYSECRET,src=".length()));
            assertThat(Files.readString(multi)).isEqualTo("aaaa\n\nbbbb");
            assertThat(s.values()).containsExactly("abcdefgh,ijklmno=0123456789", "aaaa\n\nbbbb");
        }
        assertThat(src).doesNotExist();
    }

    @Test
    void aLineWithoutAValueIsRefusedNamingOnlyItsId() {
        assertThatThrownBy(() -> BuildSecrets.from(inputs("TOKEN=", ""), workspace)).isInstanceOf(ArchgateException.class).hasFieldOrPropertyWithValue("kind", ArchgateException.Kind.USAGE)
                .hasMessage("the input 'secrets' has a line for 'TOKEN' without a value: write one id=value per line");
        assertThatThrownBy(() -> BuildSecrets.from(inputs("s3cr3t-without-id", ""), workspace)).isInstanceOf(ArchgateException.class).hasFieldOrPropertyWithValue("kind", ArchgateException.Kind.USAGE)
                .hasMessageNotContaining("s3cr3t");
    }
}
