package dev.archgate.action;

import dev.archgate.ArchgateException;
import java.util.ArrayList;
import java.util.List;

/**
 * A list input read as docker/build-push-action reads its {@code ignoreComma} lists
 * (@docker/actions-toolkit, src/util.ts, {@code Util.getInputList}): the value is CSV as csv-parse
 * reads it with {@code relaxQuotes}, one item per record, the record's fields joined back with
 * commas, each item trimmed and empty ones dropped. So a line is one item whatever commas it holds,
 * a field in double quotes may span lines (a multi-line secret) and writes {@code ""} for a quote,
 * and a quote inside an unquoted field is kept as written. Hand-written because csv-parse's
 * relaxed quoting is what users' workflows rely on and no Java CSV reader has that exact rule.
 */
final class InputList {
    private InputList() {}

    /** @param name the input's name, for the message when a quoted field is not closed */
    static List<String> parse(String value, String name) {
        List<String> items = new ArrayList<>();
        if (value == null) {
            return items;
        }
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        int i = 0;
        while (i < value.length()) {
            char c = value.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < value.length() && value.charAt(i + 1) == '"') {
                    field.append('"');
                    i += 2;
                    continue;
                }
                if (c == '"') {
                    quoted = false;
                    wasQuoted = true;
                } else {
                    field.append(c);
                }
                i++;
                continue;
            }
            if (c == '"' && field.length() == 0 && !wasQuoted) {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                wasQuoted = false;
            } else if (c == '\n' || c == '\r') {
                fields.add(field.toString());
                record(fields, items);
                field.setLength(0);
                wasQuoted = false;
                if (c == '\r' && i + 1 < value.length() && value.charAt(i + 1) == '\n') {
                    i++;
                }
            } else if (wasQuoted) {
                throw ArchgateException.usage("the input '" + name + "' has text after a closing quote: quote the whole item, writing \"\" "
                        + "for a quote inside it");
            } else {
                field.append(c);
            }
            i++;
        }
        if (quoted) {
            throw ArchgateException.usage("the input '" + name + "' opens a quote it does not close: end the quoted item with \"");
        }
        fields.add(field.toString());
        record(fields, items);
        return items;
    }

    private static void record(List<String> fields, List<String> items) {
        String item = String.join(",", fields).trim();
        if (!item.isEmpty()) {
            items.add(item);
        }
        fields.clear();
    }
}
