package org.kohsuke.stapler;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Stand-in read from stapler (jenkinsci/stapler at 135bbbc8, tag 2107.v8dfcb_e8ed317 + 4, core/src/main/java/org/kohsuke/stapler/DataBoundSetter.java). */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.FIELD})
@Documented
public @interface DataBoundSetter {}
