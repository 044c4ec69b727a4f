package dev.coframe;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares how calls to a coroutine are elided: on a method (P2477 {@code must_elide()}), on its
 * enclosing classes or package, or on the local variable that receives a task (call level).
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.METHOD, ElementType.TYPE, ElementType.PACKAGE, ElementType.LOCAL_VARIABLE})
public @interface Elide {
  Elision value();
}
