package hudson.model;

import java.util.HashMap;
import java.util.Map;

/**
 * Stand-in read from Jenkins core 2.541.3 (jenkinsci/jenkins, tag jenkins-2.541.3, core/src/main/java/hudson/model/Descriptor.java):
 * constructors, getDisplayName() and addHelpFileRedirect, which keeps its redirects in a private {@code helpRedirect}
 * map of owner and field as the real one does (getHelpFile reads it before it looks for help files).
 */
public abstract class Descriptor<T extends Describable<T>> {
    private final transient Map<String, HelpRedirect> helpRedirect = new HashMap<>(2);

    private record HelpRedirect(Class<? extends Describable> owner, String fieldNameToRedirectTo) {}

    protected Descriptor(Class<? extends T> clazz) {}

    protected Descriptor() {}

    public String getDisplayName() {
        return getClass().getSimpleName();
    }

    @SuppressWarnings("rawtypes")
    protected void addHelpFileRedirect(String fieldName, Class<? extends Describable> owner, String fieldNameToRedirectTo) {
        helpRedirect.put(fieldName, new HelpRedirect(owner, fieldNameToRedirectTo));
    }
}
