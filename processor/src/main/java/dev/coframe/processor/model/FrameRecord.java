package dev.coframe.processor.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * What a frame class of an earlier compilation recorded in its {@code @FrameInfo}, read once: the
 * coroutine it runs ({@code Shop.total(List)}), the frame classes of its callees (binary names),
 * whether it is on a recursion cycle, whether it embeds children, and its sizes (null where the
 * class file records none: a generator's frame).
 */
public record FrameRecord(String coroutine, List<String> callees, boolean recursive, boolean embeds, Integer bytes,
    Integer retainedBytes) {

  /** The record on {@code frameClass}, or null if it is no generated frame class. */
  public static FrameRecord of(TypeElement frameClass) {
    for (AnnotationMirror a : frameClass.getAnnotationMirrors()) {
      if (((TypeElement) a.getAnnotationType().asElement()).getQualifiedName().contentEquals(RuntimeContract.FRAME_INFO)) {
        return of(a);
      }
    }
    return null;
  }

  private static FrameRecord of(AnnotationMirror info) {
    String coroutine = null;
    List<String> callees = new ArrayList<>();
    boolean recursive = false;
    boolean embeds = false;
    Integer bytes = null;
    Integer retained = null;
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e : info.getElementValues().entrySet()) {
      Object v = e.getValue().getValue();
      switch (e.getKey().getSimpleName().toString()) {
        case "value" -> coroutine = (String) v;
        case "callees" -> ((List<?>) v).forEach(c -> callees.add(String.valueOf(((AnnotationValue) c).getValue())));
        case "recursive" -> recursive = (Boolean) v;
        case "embeds" -> embeds = (Boolean) v;
        case "bytes" -> bytes = (Integer) v;
        case "retainedBytes" -> retained = (Integer) v;
        default -> { } // a member of a later contract: not read
      }
    }
    return new FrameRecord(coroutine, List.copyOf(callees), recursive, embeds, bytes, retained);
  }
}
