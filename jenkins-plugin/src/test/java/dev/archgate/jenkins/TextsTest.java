package dev.archgate.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.jvnet.localizer.LocaleProvider;

/**
 * Texts follow the locale of the request, which Jenkins hands to localizer's LocaleProvider (jenkinsci/jenkins
 * core/src/main/java/hudson/WebAppMain.java at jenkins-2.541.3: {@code LocaleProvider.setProvider(...
 * Functions.getCurrentLocale())}), not the JVM's default. The translation is a test resource
 * (Messages_de.properties), as a translator would add one.
 */
class TextsTest {
    private final LocaleProvider before = LocaleProvider.getProvider();

    @AfterEach
    void restore() {
        LocaleProvider.setProvider(before);
    }

    @Test
    void aRequestInGermanGetsTheGermanTextWhateverTheJvmsLocale() {
        assertThat(Locale.getDefault().getLanguage()).as("the JVM's locale for this test").isNotEqualTo("de");
        LocaleProvider.setProvider(new LocaleProvider() {
            @Override
            public Locale get() {
                return Locale.GERMAN;
            }
        });
        assertThat(Texts.get("SmokeEntry.DisplayName")).isEqualTo("Rauchtest");
        assertThat(Texts.get("TestResults", 1200, 3, "r/junit.xml")).startsWith("[archgate] 1.200 ");
    }

    @Test
    void withoutARequestTheDefaultTextsAreRead() {
        assertThat(Texts.get("SmokeEntry.DisplayName")).isEqualTo("Smoke test");
    }
}
