package dev.archgate.jenkins;

import com.google.gson.Gson;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The JSON a browser submits for one of the plugin's forms, made from its config.jelly by the rules of Jenkins'
 * {@code buildFormTree} (jenkinsci/jenkins {@code war/src/main/webapp/scripts/hudson-behavior.js} at
 * jenkins-2.541.3): a text box, text area and number field ({@code <input type="number">}, {@code lib/form/number.jelly})
 * submit their text, empty when nothing was typed; a check box submits {@code true} or {@code false}, on a new form
 * checked when its {@code default} is true or its {@code checked} is {@code ${instance.FIELD != false}}
 * ({@code lib/form/checkbox.jelly}); a repeatable property with no entry
 * submits nothing. {@code st:include} of another class's config.jelly is followed.
 */
final class FormJson {
    private FormJson() {}

    /** The submitted JSON of {@code type}'s new form after the user typed {@code typed} (field to text, boolean or list). */
    static String submitted(Class<?> type, Map<String, ?> typed) throws Exception {
        Map<String, Object> json = new LinkedHashMap<>();
        fields(type).forEach((field, control) -> {
            Object value = typed.get(field);
            switch (control) {
                case "checkbox" -> json.put(field, value != null ? value : Boolean.FALSE);
                case "checkbox checked" -> json.put(field, value != null ? value : Boolean.TRUE);
                case "repeatableProperty" -> {
                    if (value != null) {
                        json.put(field, value);
                    }
                }
                default -> json.put(field, value != null ? value : "");
            }
        });
        typed.keySet().forEach(k -> {
            if (!json.containsKey(k)) {
                throw new AssertionError(type.getSimpleName() + "'s form has no field " + k);
            }
        });
        return new Gson().toJson(json);
    }

    /** Each field of {@code type}'s config.jelly and the control that edits it (textbox, textarea, checkbox, "checkbox checked" for one checked on a new form, ...). */
    static Map<String, String> fields(Class<?> type) throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        Element root;
        try (InputStream in = type.getResourceAsStream(type.getSimpleName() + "/config.jelly")) {
            if (in == null) {
                throw new AssertionError(type.getSimpleName() + " has no config.jelly");
            }
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            root = f.newDocumentBuilder().parse(in).getDocumentElement();
        }
        NodeList includes = root.getElementsByTagNameNS("jelly:stapler", "include");
        for (int i = 0; i < includes.getLength(); i++) {
            out.putAll(fields(Class.forName(((Element) includes.item(i)).getAttribute("class"))));
        }
        NodeList entries = root.getElementsByTagNameNS("/lib/form", "entry");
        for (int i = 0; i < entries.getLength(); i++) {
            Element entry = (Element) entries.item(i);
            String field = entry.getAttribute("field");
            if (field.isEmpty()) {
                continue;
            }
            NodeList children = entry.getChildNodes();
            for (int c = 0; c < children.getLength(); c++) {
                if (children.item(c) instanceof Element control && "/lib/form".equals(control.getNamespaceURI())) {
                    // checkbox.jelly: checked when attrs.checked, else instance[field], else attrs.default is true; on a
                    // new form instance is null, so "${instance.X != false}" is true there
                    boolean checked = control.getLocalName().equals("checkbox") && ("true".equals(control.getAttribute("default"))
                            || control.getAttribute("checked").equals("${instance." + field + " != false}"));
                    out.put(field, checked ? "checkbox checked" : control.getLocalName());
                }
            }
        }
        return out;
    }
}
