package dev.archgate.spec;

import dev.archgate.ArchgateException;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sizes as people write them: 150MiB, 1.5GiB, 200MB, 512KiB, or a bare number of bytes. Units
 * with an "i" are powers of 1024, the others powers of 1000, as docker and the registries print.
 */
public final class ByteSizes {
    private static final Pattern FORM = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kmgt]i?b?|b)?", Pattern.CASE_INSENSITIVE);
    private static final Map<Character, Integer> POWER = Map.of('k', 1, 'm', 2, 'g', 3, 't', 4);

    private ByteSizes() {}

    public static long parse(String text, String key) {
        Matcher m = FORM.matcher(text.trim());
        if (!m.matches()) {
            throw ArchgateException.usage(key + " is '" + text + "': write a size such as 150MiB, 200MB, 1.5GiB or a number of bytes");
        }
        String unit = m.group(2) == null ? "b" : m.group(2).toLowerCase(Locale.ROOT);
        BigDecimal base = BigDecimal.valueOf(unit.contains("i") ? 1024 : 1000);
        BigDecimal factor = unit.equals("b") ? BigDecimal.ONE : base.pow(POWER.get(unit.charAt(0)));
        BigDecimal bytes = new BigDecimal(m.group(1)).multiply(factor);
        if (bytes.signum() <= 0 || bytes.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw ArchgateException.usage(key + " is '" + text + "': give a size above zero, such as 150MiB");
        }
        return bytes.longValue();
    }
}
