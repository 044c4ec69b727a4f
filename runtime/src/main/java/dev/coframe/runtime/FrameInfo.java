package dev.coframe.runtime;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What the processor records on each generated frame class, so messages can name the coroutine
 * and a later compilation can plan elision from the class file alone: the coroutine it runs, by
 * name and erased signature ({@code Shop.total(List)}); the coroutines its body calls (their frame
 * classes' binary names); whether it is on a recursion cycle of its own compilation.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface FrameInfo {
  /** {@code Shop.total(List)}. */
  String value();

  /** The frame classes of the coroutines its body calls, sorted: {@code shop.ShopCoroutines$PriceFrame_String}. */
  String[] callees() default {};

  /** Whether it calls itself, directly or through other coroutines. */
  boolean recursive() default false;
}
