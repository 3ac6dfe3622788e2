package org.kohsuke.stapler;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Stand-in read from stapler (jenkinsci/stapler at 135bbbc8, tag 2107.v8dfcb_e8ed317 + 4, core/src/main/java/org/kohsuke/stapler/QueryParameter.java); the request
 * handler that fills the parameter is left out.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
@Documented
public @interface QueryParameter {
    String value() default "";

    boolean required() default false;

    boolean fixEmpty() default false;
}
