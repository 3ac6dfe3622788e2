package dev.archgate.jenkins;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.beans.Introspector;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.beanutils.ConvertUtilsBean;
import org.apache.commons.beanutils.Converter;
import org.apache.commons.beanutils.converters.DoubleConverter;
import org.apache.commons.beanutils.converters.FloatConverter;
import org.apache.commons.beanutils.converters.IntegerConverter;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * Binds a submitted form's JSON to a data-bound object by the rules of Stapler's {@code RequestImpl.bindJSON}
 * (jenkinsci/stapler {@code core/src/main/java/org/kohsuke/stapler/RequestImpl.java}, {@code TypePair.convertJSON},
 * {@code instantiate}, {@code injectSetters}, {@code findDataBoundSetter}), with the converters Stapler registers
 * ({@code Stapler.java}: a {@code ConvertUtilsBean} of commons-beanutils 1.11.0, the version Jenkins 2.541.3's
 * {@code bom/pom.xml} pins, with Integer, Float and Double mapping a missing value to null):
 * <ul>
 * <li>JSON null is null (a primitive's zero);</li>
 * <li>a collection takes a JSON array item by item, a JSON object as its one item, and any other value as its one
 * item converted to the item type ("single value in a collection"); null items are left out;</li>
 * <li>an object is made by its {@link DataBoundConstructor}, then every other JSON key is given to the public
 * {@link DataBoundSetter} whose name, less {@code set} and decapitalized, is the key; a key without one is ignored;</li>
 * <li>a JSON array for a non-collection is an error; anything else goes through the type's converter.</li>
 * </ul>
 * Only what the plugin's forms use is supported (no {@code $class} bags, no enum sets, no constructor parameters), and
 * anything else fails the test rather than binding differently.
 */
final class StaplerBinder {
    private static final ConvertUtilsBean CONVERT = new ConvertUtilsBean();

    static {
        CONVERT.register(new IntegerConverter(null), Integer.class);
        CONVERT.register(new FloatConverter(null), Float.class);
        CONVERT.register(new DoubleConverter(null), Double.class);
    }

    private StaplerBinder() {}

    /** {@code json} (a form's submitted {@code json} parameter, or one object of it) bound to {@code type}. */
    static <T> T bind(Class<T> type, String json) {
        return type.cast(convert(type, type, value(JsonParser.parseString(json))));
    }

    /** json-lib's view of the parsed JSON: objects as maps, arrays as lists, numbers as Integer where they fit. */
    private static Object value(JsonElement e) {
        if (e == null || e.isJsonNull()) {
            return null;
        }
        if (e instanceof JsonObject o) {
            Map<String, Object> out = new LinkedHashMap<>();
            o.entrySet().forEach(x -> out.put(x.getKey(), value(x.getValue())));
            return out;
        }
        if (e instanceof JsonArray a) {
            List<Object> out = new ArrayList<>();
            a.forEach(x -> out.add(value(x)));
            return out;
        }
        JsonPrimitive p = (JsonPrimitive) e;
        if (p.isBoolean()) {
            return p.getAsBoolean();
        }
        if (p.isNumber()) {
            double d = p.getAsDouble();
            return d == Math.rint(d) && Math.abs(d) <= Integer.MAX_VALUE ? (Object) (int) d : d;
        }
        return p.getAsString();
    }

    private static Object convert(Type genericType, Class<?> type, Object o) {
        if (o == null) {
            return type == boolean.class ? false : type == int.class ? 0 : null;
        }
        if (Collection.class.isAssignableFrom(type)) {
            if (type != List.class) {
                throw new AssertionError("only List parameters are supported, not " + type);
            }
            Type itemGeneric = ((ParameterizedType) genericType).getActualTypeArguments()[0];
            Class<?> itemType = itemGeneric instanceof Class<?> c ? c : (Class<?>) ((ParameterizedType) itemGeneric).getRawType();
            List<Object> out = new ArrayList<>();
            if (o instanceof List<?> items) {
                items.forEach(item -> addNonNull(out, convert(itemGeneric, itemType, item)));
            } else {
                addNonNull(out, convert(itemGeneric, itemType, o)); // "only one value given to the collection"
            }
            return out;
        }
        if (o instanceof List<?>) {
            throw new IllegalArgumentException("Got type array but no lister class found for type " + type);
        }
        if (o instanceof Map<?, ?> m) {
            @SuppressWarnings("unchecked")
            Map<String, Object> object = (Map<String, Object>) m;
            return instantiate(type, object);
        }
        if (type.isEnum()) {
            return enumValue(type, o.toString());
        }
        Converter converter = CONVERT.lookup(type);
        if (converter == null) {
            if (type == Object.class) {
                return o;
            }
            throw new IllegalArgumentException("Unable to convert to " + type);
        }
        return converter.convert(type, o);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object enumValue(Class<?> type, String name) {
        return Enum.valueOf((Class) type, name);
    }

    private static void addNonNull(List<Object> out, Object item) {
        if (item != null) {
            out.add(item);
        }
    }

    private static Object instantiate(Class<?> type, Map<String, Object> json) {
        if (json.containsKey("$class") || json.containsKey("stapler-class")) {
            throw new AssertionError("$class is not supported by this binder");
        }
        try {
            Constructor<?> c = type.getConstructor();
            if (!c.isAnnotationPresent(DataBoundConstructor.class)) {
                throw new AssertionError(type + " has no no-argument @DataBoundConstructor");
            }
            Object bean = c.newInstance();
            for (Map.Entry<String, Object> e : json.entrySet()) {
                Method setter = dataBoundSetter(type, e.getKey());
                if (setter != null) {
                    setter.invoke(bean, convert(setter.getGenericParameterTypes()[0], setter.getParameterTypes()[0], e.getValue()));
                }
            }
            return bean;
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalArgumentException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    private static Method dataBoundSetter(Class<?> type, String key) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Method m : c.getDeclaredMethods()) {
                if (Modifier.isPublic(m.getModifiers()) && m.getName().startsWith("set") && m.getParameterCount() == 1
                        && m.isAnnotationPresent(DataBoundSetter.class) && key.equals(Introspector.decapitalize(m.getName().substring(3)))) {
                    return m;
                }
            }
        }
        return null;
    }
}
