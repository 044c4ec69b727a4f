package dev.coframe.processor.diag;

import com.sun.source.tree.Tree;
import javax.lang.model.element.Element;

/**
 * A user-facing compile error: the reason and the fix, at a tree inside a body or at a
 * declaration. Thrown by any stage that finds bad input; {@link Diagnostics} prints it once.
 * Code reads {@code throw Problem.at(tree, "...")}.
 */
public final class Problem extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient Tree tree;
  private final transient Element element;

  private Problem(String message, Tree tree, Element element) {
    super(message, null, false, false);
    this.tree = tree;
    this.element = element;
  }

  /** A problem at {@code tree}, inside the body being processed. */
  public static Problem at(Tree tree, String message) {
    return new Problem(message, tree, null);
  }

  /** A problem at a declaration. */
  public static Problem at(Element element, String message) {
    return new Problem(message, null, element);
  }

  public Tree tree() {
    return tree;
  }

  public Element element() {
    return element;
  }
}
