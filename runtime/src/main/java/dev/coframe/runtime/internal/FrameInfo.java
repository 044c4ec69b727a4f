package dev.coframe.runtime.internal;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What the processor records on each generated frame class, so messages can name the coroutine
 * and a later compilation can plan elision from the class file alone: the coroutine it runs, by
 * name and erased signature ({@code Shop.total(List)}); the coroutines its body calls (their frame
 * classes' binary names); whether it is on a recursion cycle of its own compilation; whether its
 * frame holds embedded children's; the estimated
 * bytes of one frame, and of the most a root frame keeps (with its embedded children's frames).
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

  /**
   * Whether its frame holds embedded children's frames: then it never runs without its frame, and
   * a caller that would call it lazily allocates its frame at the call.
   */
  boolean embeds() default false;

  /** The estimated bytes of one frame (compressed references, 8-byte alignment). */
  int bytes() default 0;

  /** The estimated bytes a root frame keeps: its own and, transitively, its embedded children's frames. */
  int retainedBytes() default 0;
}
