package dev.coframe.runtime;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What the processor records on each generated frame class: the coroutine it runs, by name and
 * erased signature ({@code Shop.total(List)}), as messages and stack traces name it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface FrameInfo {
  /** {@code Shop.total(List)}. */
  String value();
}
