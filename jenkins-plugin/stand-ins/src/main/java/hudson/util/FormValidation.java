package hudson.util;

import java.io.IOException;

/**
 * Stand-in read from Jenkins core 2.541.3 (jenkinsci/jenkins, tag jenkins-2.541.3, core/src/main/java/hudson/util/FormValidation.java): kind, ok(), ok(String),
 * error(String), warning(String). As in the real one, a message is HTML-escaped and getMessage() returns it;
 * HttpResponse and the rendering are left out.
 */
public abstract class FormValidation extends IOException {
    private static final long serialVersionUID = 1L;

    public enum Kind { OK, WARNING, ERROR }

    public final Kind kind;

    private FormValidation(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public static FormValidation ok() {
        return ok(null);
    }

    public static FormValidation ok(String message) {
        return of(Kind.OK, message);
    }

    public static FormValidation error(String message) {
        return of(Kind.ERROR, message);
    }

    public static FormValidation warning(String message) {
        return of(Kind.WARNING, message);
    }

    private static FormValidation of(Kind kind, String message) {
        String escaped = message == null ? null : message.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;").replace("'", "&#039;");
        return new FormValidation(kind, escaped) {
            private static final long serialVersionUID = 1L;
        };
    }
}
