package dev.archgate.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Descriptor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every field of every form, and every step and builder as a whole, has help where Jenkins looks for it: by
 * jenkinsci/jenkins core/src/main/java/hudson/model/Descriptor.java at jenkins-2.541.3 ({@code getHelpFile(Klass,
 * String)}), a redirect registered with {@code addHelpFileRedirect} first, else {@code help-FIELD.html} (or
 * {@code help.html}) among the resources of the described class and its superclasses only.
 */
class HelpFilesTest {
    @Test
    void everyFormFieldHasHelpWhereDescriptorGetHelpFileLooks() throws Exception {
        assertHelp(ArchgateBuilder.class, new ArchgateBuilder.DescriptorImpl());
        assertHelp(ArchgateStep.class, new ArchgateStep.DescriptorImpl());
        assertHelp(ArchgateMergeStep.class, new ArchgateMergeStep.DescriptorImpl());
        assertHelp(SmokeEntry.class, new SmokeEntry.DescriptorImpl());
    }

    @Test
    void theStepsAndTheBuilderHaveAHelpPageOfTheirOwn() {
        for (Class<?> type : new Class<?>[] {ArchgateBuilder.class, ArchgateStep.class, ArchgateMergeStep.class}) {
            assertThat(helpFile(type, null)).as(type.getSimpleName() + "'s help.html").isNotNull();
        }
    }

    private static void assertHelp(Class<?> type, Descriptor<?> descriptor) throws Exception {
        Map<String, ?> redirects = redirects(descriptor);
        for (String field : FormJson.fields(type).keySet()) {
            Object redirect = redirects.get(field);
            Class<?> owner = redirect == null ? type : (Class<?>) accessor(redirect, "owner");
            String target = redirect == null ? field : (String) accessor(redirect, "fieldNameToRedirectTo");
            assertThat(helpFile(owner, target)).as(type.getSimpleName() + "'s field " + field).isNotNull();
        }
    }

    /** The help file of {@code field} (null: the class's own help) in {@code type}'s class hierarchy, as getHelpFile walks it. */
    private static String helpFile(Class<?> type, String field) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            String path = "/" + c.getName().replace('.', '/') + "/help" + (field == null ? "" : "-" + field) + ".html";
            if (c.getResource(path) != null) {
                return path;
            }
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> redirects(Descriptor<?> descriptor) throws Exception {
        Field f = Descriptor.class.getDeclaredField("helpRedirect");
        f.setAccessible(true);
        return (Map<String, ?>) f.get(descriptor);
    }

    private static Object accessor(Object record, String name) throws Exception {
        Method m = record.getClass().getDeclaredMethod(name);
        m.setAccessible(true);
        return m.invoke(record);
    }
}
