package dev.archgate.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.archgate.ArchgateException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The list inputs read as docker/build-push-action reads them. The inputs and answers are upstream's
 * own: docker/actions-toolkit __tests__/util.test.ts ({@code Util.getInputList} with
 * {@code ignoreComma: true}: "multiline values", "multiline values with empty lines"),
 * docker/build-push-action __tests__/context.test.ts ("different new lines and ignoring comma
 * correctly") and the secrets page of docker/docs (content/manuals/build/ci/github-actions/secrets.md,
 * its table of what each line becomes, JSON_SECRET with doubled quotes).
 */
class InputListTest {
    private static List<String> list(String value) {
        return new Inputs(Map.of(Inputs.variable("secrets"), value)).list("secrets");
    }

    @Test
    void aLineIsOneItemWhateverCommasItHoldsAndAQuotedItemSpansLines() {
        assertThat(list("GIT_AUTH_TOKEN=abcdefgh,ijklmno=0123456789\n\"MYSECRET=aaaaaaaa\nbbbbbbb\nccccccccc\"\nFOO=bar"))
                .containsExactly("GIT_AUTH_TOKEN=abcdefgh,ijklmno=0123456789", "MYSECRET=aaaaaaaa\nbbbbbbb\nccccccccc", "FOO=bar");
    }

    @Test
    void aQuotedItemKeepsItsEmptyLinesAndBlankLinesBetweenItemsAreDropped() {
        assertThat(list("GIT_AUTH_TOKEN=abcdefgh,ijklmno=0123456789\n\"MYSECRET=aaaaaaaa\nbbbbbbb\nccccccccc\"\nFOO=bar\n\n"
                + "\"EMPTYLINE=aaaa\n\nbbbb\nccc\""))
                .containsExactly("GIT_AUTH_TOKEN=abcdefgh,ijklmno=0123456789", "MYSECRET=aaaaaaaa\nbbbbbbb\nccccccccc", "FOO=bar",
                        "EMPTYLINE=aaaa\n\nbbbb\nccc");
    }

    @Test
    void crLfSeparatesItemsAndDoubledQuotesAreOneQuote() {
        assertThat(list("user/app:cache\r\ntype=local,src=path/to/dir")).containsExactly("user/app:cache", "type=local,src=path/to/dir");
        assertThat(list("\"JSON_SECRET={\"\"key1\"\":\"\"value1\"\",\"\"key2\"\":\"\"value2\"\"}\""))
                .containsExactly("JSON_SECRET={\"key1\":\"value1\",\"key2\":\"value2\"}");
    }

    @Test
    void aQuoteInsideAnUnquotedItemIsKeptAsWritten() {
        // csv-parse's relaxQuotes, which getInputList sets
        assertThat(list("org.opencontainers.image.title=a \"b\" c")).containsExactly("org.opencontainers.image.title=a \"b\" c");
    }

    @Test
    void anUnclosedQuoteIsOneSentenceNamingTheInput() {
        assertThatThrownBy(() -> list("\"MYSECRET=aaaa\nFOO=bar")).isInstanceOf(ArchgateException.class).hasFieldOrPropertyWithValue("kind", ArchgateException.Kind.USAGE)
                .hasMessage("the input 'secrets' opens a quote it does not close: end the quoted item with \"");
    }
}
