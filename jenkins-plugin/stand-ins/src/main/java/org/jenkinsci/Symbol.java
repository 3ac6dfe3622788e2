package org.jenkinsci;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Stand-in read from symbol-annotation (jenkinsci/lib-symbol-annotation at 8a5658c5, tag symbol-annotation-1.23 + 2,
 * src/main/java/org/jenkinsci/Symbol.java; Jenkins core depends on it as org.jenkins-ci:symbol-annotation); the @Indexed meta-annotation is left out.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Documented
public @interface Symbol {
    String[] value();
}
