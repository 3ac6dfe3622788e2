package dev.archgate.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import java.beans.Introspector;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * The names a form and a Pipeline script bind, pinned: Stapler and structs find a {@link DataBoundSetter} by walking
 * the class and its superclasses' declared public methods, and name the property by the setter's name (as Stapler's
 * DataBoundSetter Javadoc says: "discovered through Introspector ... it needs to be public"). The expected table is
 * what ArchgateStep and ArchgateBuilder declared at d1214a8, where each wrote its setters by hand; the freestyle
 * form's config.jelly names the same fields. However the setters come to be written once, this set must not change:
 * a renamed or retyped setter breaks every job's config.xml and every Jenkinsfile that uses it.
 */
class BindableNamesTest {
    private static final Map<String, String> BOUND = table(
            "config String,image String,context String,file String,target String,platforms List<String>,tags List<String>,"
                    + "push Boolean,labels List<String>,annotations List<String>,secrets List<String>,cacheFrom List<String>,"
                    + "cacheTo List<String>,provenance String,sbom String,noCache Boolean,pull Boolean,buildArgs List<String>,"
                    + "strictEmulation Boolean,installEmulation Boolean,checks List<String>,ignorePaths List<String>,"
                    + "insecureRegistries List<String>,reportDir String,promote List<String>,smoke List<SmokeEntry>,"
                    + "unstableOnWarning boolean,builder String,engines List<String>,emulationCpu List<String>,"
                    + "pageSize List<String>,hardwareCpu List<String>,sizeBudget String,wastedBytes String");

    @Test
    void thePipelineStepBindsTheSameNamesOfTheSameTypes() {
        assertThat(bindable(ArchgateStep.class)).isEqualTo(BOUND);
    }

    @Test
    void theFreestyleBuilderBindsTheSameNamesOfTheSameTypes() {
        assertThat(bindable(ArchgateBuilder.class)).isEqualTo(BOUND);
    }

    @Test
    void theFreestyleFormHasAFieldForEachBoundName() throws Exception {
        String jelly;
        try (InputStream in = ArchgateBuilder.class.getResourceAsStream("ArchgateBuilder/config.jelly")) {
            jelly = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        TreeSet<String> fields = new TreeSet<>();
        Matcher m = Pattern.compile("field=\"(\\w+)\"").matcher(jelly);
        while (m.find()) {
            fields.add(m.group(1));
        }
        assertThat(fields).isEqualTo(new TreeSet<>(BOUND.keySet()));
    }

    /** What Stapler's setter injection sees: public @DataBoundSetter methods along the superclass chain. */
    private static Map<String, String> bindable(Class<?> type) {
        Map<String, String> out = new TreeMap<>();
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Method m : c.getDeclaredMethods()) {
                if (m.isAnnotationPresent(DataBoundSetter.class) && Modifier.isPublic(m.getModifiers())
                        && m.getName().startsWith("set") && m.getParameterCount() == 1) {
                    out.putIfAbsent(Introspector.decapitalize(m.getName().substring(3)),
                            m.getGenericParameterTypes()[0].getTypeName().replaceAll("[\\w.]+\\.(\\w+)", "$1"));
                }
            }
        }
        return out;
    }

    private static Map<String, String> table(String spec) {
        Map<String, String> out = new TreeMap<>();
        for (String entry : spec.split(",")) {
            String[] nameType = entry.trim().split(" ", 2);
            out.put(nameType[0], nameType[1]);
        }
        return out;
    }
}
