package dev.coframe;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method whose body the Coframe processor lowers into a state-machine frame.
 *
 * <p>The method is written as ordinary Java with its value return type. Called directly it runs
 * as plain Java on the caller's thread ("direct mode"); the generated {@code XCoroutines}
 * factory of the same name returns a lazy {@code Task} (or a {@code Generator} when the method
 * has a {@code Yield} parameter) that runs the lowered body and can suspend. Inside a coroutine
 * body, a call to another {@code @Coroutine} method is a suspension point.
 *
 * <p>CLASS retention, so later compilations still see it in class files.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Coroutine {}
