package dev.archgate.jenkins;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;
import org.jvnet.localizer.LocaleProvider;

/**
 * The plugin's texts from Messages.properties, in the locale of the request being served (Jenkins sets localizer's
 * {@link LocaleProvider} to it in {@code hudson.WebAppMain}; outside a request it is the JVM's default), as the
 * generated {@code Messages} class would read them. Read through ResourceBundle rather than that class, so the same
 * sources build where the localizer Maven plugin cannot be resolved (the offline build).
 */
final class Texts {
    private static final String BUNDLE = "dev.archgate.jenkins.Messages";

    private Texts() {}

    static String get(String key, Object... args) {
        Locale locale = LocaleProvider.getLocale();
        return new MessageFormat(ResourceBundle.getBundle(BUNDLE, locale, Texts.class.getClassLoader()).getString(key), locale).format(args);
    }
}
