package dev.archgate.jenkins.standins;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Each stand-in against the real type it stands in for, as upstream-signatures.txt lists it (made by make-signatures from
 * the upstream file and revision each stand-in's header names; each line of the file names its source). A stand-in
 * may leave members out, but never an abstract one (a test double or a plugin class would then compile offline and
 * fail to load in Jenkins), never declares one the real type lacks, and extends each real supertype that has a stand-in.
 */
class StandInSignaturesTest {
    /**
     * Stand-ins nothing may implement or subclass, so their abstract members need not be there: an interface the plugin
     * only receives (PluginRulesTest holds that no plugin or test class implements it). A stand-in class without a
     * public or protected constructor cannot be subclassed outside its package either, and is exempt the same way.
     */
    static final Set<String> NEVER_IMPLEMENTED = Set.of("hudson.remoting.VirtualChannel");

    /**
     * Stand-ins that leave out a real supertype, and why that is safe: both are final here or only used statically
     * (PluginRulesTest holds that nothing extends JUnitResultArchiver).
     */
    private static final Map<String, String> SUPERTYPES_LEFT_OUT = Map.of(
            "hudson.tasks.junit.JUnitResultArchiver", "only constructed, configured and handed to parseAndSummarize",
            "hudson.tasks.junit.pipeline.JUnitResultsStepExecution", "only its static helpers are called");

    private record Member(String kind, String signature) {}

    private record Type(String kind, List<String> supertypes, List<Member> members) {}

    @Test
    void everyStandInTypeIsInTheSignatureFile() throws IOException {
        assertThat(types().keySet()).as("stand-in types listed in upstream-signatures.txt (run make-signatures after adding one)")
                .containsAll(List.of("hudson.tasks.BuildStep", "org.jenkinsci.plugins.workflow.steps.StepContext",
                        "jenkins.model.ArtifactManager", "hudson.tasks.junit.JUnitTask", "hudson.FilePath$FileCallable",
                        "org.jenkinsci.remoting.RoleSensitive"));
    }

    @Test
    void everyAbstractMemberOfTheRealTypeIsAbstractInTheStandIn() throws Exception {
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, Type> t : types().entrySet()) {
            Class<?> standIn = Class.forName(t.getKey());
            if (NEVER_IMPLEMENTED.contains(t.getKey()) || !subclassable(standIn)) {
                continue;
            }
            Map<String, Method> methods = allMethods(standIn);
            for (Member m : t.getValue().members()) {
                if (m.kind().equals("abstract")) {
                    Method found = methods.get(m.signature());
                    if (found == null || !Modifier.isAbstract(found.getModifiers())) {
                        missing.add(t.getKey() + " " + m.signature() + (found == null ? " is missing" : " is not abstract"));
                    }
                }
            }
        }
        assertThat(missing).as("abstract members of the real types").isEmpty();
    }

    @Test
    void aStandInDeclaresOnlyMembersTheRealTypeHas() throws Exception {
        List<String> extra = new ArrayList<>();
        for (Map.Entry<String, Type> t : types().entrySet()) {
            Class<?> standIn = Class.forName(t.getKey());
            Map<String, String> real = t.getValue().members().stream()
                    .collect(Collectors.toMap(Member::signature, Member::kind, (a, b) -> a, LinkedHashMap::new));
            List<Executable> declared = new ArrayList<>(Arrays.asList(standIn.getDeclaredMethods()));
            declared.addAll(Arrays.asList(standIn.getDeclaredConstructors()));
            for (Executable e : declared) {
                boolean visible = standIn.isInterface() ? !Modifier.isPrivate(e.getModifiers())
                        : Modifier.isPublic(e.getModifiers()) || Modifier.isProtected(e.getModifiers());
                if (!visible || e.isSynthetic() || e instanceof Method m && m.isBridge() || standIn.isEnum() || standIn.isRecord()) {
                    continue;
                }
                String signature = signature(e);
                String kind = real.get(signature);
                if (kind == null) {
                    extra.add(t.getKey() + " " + signature + " is not a member of the real type");
                } else if (kind.equals("static") != Modifier.isStatic(e.getModifiers())) {
                    extra.add(t.getKey() + " " + signature + " is " + (kind.equals("static") ? "" : "not ") + "static in the real type");
                }
            }
        }
        assertThat(extra).as("members the stand-ins declare").isEmpty();
    }

    @Test
    void aStandInExtendsEachRealSupertypeThatHasAStandIn() throws Exception {
        Map<String, Type> types = types();
        Set<String> standIns = types.keySet().stream().map(n -> n.substring(Math.max(n.lastIndexOf('.'), n.lastIndexOf('$')) + 1))
                .collect(Collectors.toSet());
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, Type> t : types.entrySet()) {
            if (SUPERTYPES_LEFT_OUT.containsKey(t.getKey())) {
                continue;
            }
            Set<String> supers = supertypes(Class.forName(t.getKey()));
            for (String s : t.getValue().supertypes()) {
                if (standIns.contains(s) && !supers.contains(s)) {
                    missing.add(t.getKey() + " does not extend " + s);
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    /** Whether code outside the stand-in's package could implement or extend it. */
    private static boolean subclassable(Class<?> type) {
        if (type.isInterface()) {
            return true;
        }
        return !Modifier.isFinal(type.getModifiers()) && Arrays.stream(type.getDeclaredConstructors())
                .anyMatch(c -> Modifier.isPublic(c.getModifiers()) || Modifier.isProtected(c.getModifiers()));
    }

    /** Every method a class has, declared or inherited (the most specific first), by signature. */
    private static Map<String, Method> allMethods(Class<?> type) {
        Map<String, Method> out = new LinkedHashMap<>();
        Deque<Class<?>> queue = new ArrayDeque<>(List.of(type));
        Set<Class<?>> seen = new HashSet<>();
        while (!queue.isEmpty()) {
            Class<?> c = queue.poll();
            if (!seen.add(c)) {
                continue;
            }
            for (Method m : c.getDeclaredMethods()) {
                if (!m.isBridge() && !m.isSynthetic()) {
                    out.putIfAbsent(signature(m), m);
                }
            }
            if (c.getSuperclass() != null) {
                queue.add(c.getSuperclass());
            }
            queue.addAll(Arrays.asList(c.getInterfaces()));
        }
        return out;
    }

    private static Set<String> supertypes(Class<?> type) {
        Set<String> out = new HashSet<>();
        Deque<Class<?>> queue = new ArrayDeque<>();
        queue.add(type);
        while (!queue.isEmpty()) {
            Class<?> c = queue.poll();
            if (c.getSuperclass() != null) {
                out.add(c.getSuperclass().getSimpleName());
                queue.add(c.getSuperclass());
            }
            for (Class<?> i : c.getInterfaces()) {
                out.add(i.getSimpleName());
                queue.add(i);
            }
        }
        return out;
    }

    private static String signature(Executable e) {
        String name = e instanceof Method ? e.getName() : "<init>";
        Class<?>[] params = e.getParameterTypes();
        // A non-static inner class's constructor takes its outer instance first, which the source does not show.
        int from = e instanceof Method || e.getDeclaringClass().getEnclosingClass() == null
                || Modifier.isStatic(e.getDeclaringClass().getModifiers()) || e.getDeclaringClass().isInterface() ? 0 : 1;
        return name + "(" + Arrays.stream(params, from, params.length).map(Class::getSimpleName).collect(Collectors.joining(",")) + ")";
    }

    /** upstream-signatures.txt: type to its kind, supertypes and members. */
    private static Map<String, Type> types() throws IOException {
        Map<String, Type> out = new LinkedHashMap<>();
        try (InputStream in = StandInSignaturesTest.class.getResourceAsStream("/upstream-signatures.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.substring(0, line.indexOf(" <- ")).split(" ", -1);
                if (Set.of("class", "interface", "enum", "record", "annotation").contains(f[1])) {
                    out.put(f[0], new Type(f[1], f[2].isEmpty() ? List.of() : List.of(f[2].split(",")), new ArrayList<>()));
                } else {
                    out.get(f[0]).members().add(new Member(f[1], f[2]));
                }
            }
        }
        return out;
    }
}
