package dev.coframe.processor.lower;

/**
 * A variable of the lowered body: a parameter, a user local whose scope spans states, or a
 * temporary of the lowering. It is a Java local of {@code resume()}; it is also a field of the frame
 * when its value must survive a suspension ({@code field}), restored on entry and spilled on
 * suspension.
 *
 * @param name the name in generated code (the user's, unless that would clash)
 * @param type the type, as source text
 * @param initial the value a fresh local starts with ({@code 0}, {@code false}, {@code null})
 * @param param whether it is a parameter of the coroutine (always a field: the factory stores it)
 * @param field whether the frame keeps it across suspensions
 * @param source the user's declaration it comes from, quoted in the field's comment, or a note
 */
public record Slot(String name, String type, String initial, boolean param, boolean field, String source) {}
