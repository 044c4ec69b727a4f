package dev.coframe.runtime;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the classes the Coframe processor generates ({@code XCoroutines}). Class retention, so
 * coverage tools that skip generated code (JaCoCo skips annotations named {@code *Generated})
 * see it; the processor claims it, so {@code -Xlint:processing} has nothing to report.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Generated {
  /** The generator: {@code dev.coframe.processor.CoframeProcessor}. */
  String value();
}
