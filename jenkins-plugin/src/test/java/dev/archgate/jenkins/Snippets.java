package dev.archgate.jenkins;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What the Pipeline snippet generator writes for a step bound from its form, by the rules of
 * jenkinsci/structs-plugin {@code src/main/java/org/jenkinsci/plugins/structs/describable/DescribableModel.java}
 * ({@code uninstantiate2}: every data-bound property, sorted by name, less those equal to a "control" instance made
 * with no setters called) and jenkinsci/workflow-cps-plugin
 * {@code plugin/src/main/java/org/jenkinsci/plugins/workflow/cps/Snippetizer.java} ({@code functionCall},
 * {@code object2Groovy}: strings in single quotes, lists in brackets, booleans and numbers as they are).
 * Nested describables (smoke entries) are not rendered.
 */
final class Snippets {
    private Snippets() {}

    /** The arguments the generator keeps for {@code step}: property name to value. */
    static Map<String, Object> arguments(Object step) throws Exception {
        Object control = step.getClass().getConstructor().newInstance();
        Map<String, Object> out = new TreeMap<>();
        for (String name : ParameterBindingTest.setters(step.getClass())) {
            Object value = property(step, name);
            if (!Objects.equals(value, property(control, name))) {
                out.put(name, value);
            }
        }
        return out;
    }

    /** The generated line, e.g. {@code archgate image: 'x', platforms: ['linux/amd64']}. */
    static String generate(String functionName, Object step) throws Exception {
        StringBuilder b = new StringBuilder(functionName).append(' ');
        String sep = "";
        for (Map.Entry<String, Object> e : arguments(step).entrySet()) {
            b.append(sep).append(e.getKey()).append(": ");
            groovy(b, e.getValue());
            sep = ", ";
        }
        return b.toString();
    }

    private static void groovy(StringBuilder b, Object o) {
        if (o instanceof String s) {
            b.append('\'').append(s.replace("\\", "\\\\").replace("'", "\\'")).append('\'');
        } else if (o instanceof List<?> list) {
            b.append('[');
            String sep = "";
            for (Object item : list) {
                b.append(sep);
                groovy(b, item);
                sep = ", ";
            }
            b.append(']');
        } else if (o instanceof Boolean || o instanceof Number) {
            b.append(o);
        } else {
            throw new AssertionError("not rendered here: " + o);
        }
    }

    private static Object property(Object bean, String name) throws Exception {
        String cap = Character.toUpperCase(name.charAt(0)) + name.substring(1);
        Method getter;
        try {
            getter = bean.getClass().getMethod("get" + cap);
        } catch (NoSuchMethodException e) {
            getter = bean.getClass().getMethod("is" + cap);
        }
        Object value = getter.invoke(bean);
        return value instanceof List<?> l ? List.copyOf(l) : value; // DescribableParameter.uncoerce copies collections
    }
}
