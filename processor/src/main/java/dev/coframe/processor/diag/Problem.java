package dev.coframe.processor.diag;

import com.sun.source.tree.Tree;
import javax.lang.model.element.Element;

/**
 * A user-facing compile error: the reason and the fix, at a tree inside a body or at a
 * declaration. Thrown by any stage that finds bad input; {@link Diagnostics} prints it once.
 * Code reads {@code throw Problem.at(tree, Message.X, values...)}: every text comes from {@link Message}.
 */
public final class Problem extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient Tree tree;
  private final transient Element element;

  private Problem(Message message, Object[] values, Tree tree, Element element) {
    super(message.as(Message.Kind.ERROR).format(values), null, false, false);
    this.tree = tree;
    this.element = element;
  }

  /** A problem at {@code tree}, inside the body being processed. */
  public static Problem at(Tree tree, Message message, Object... values) {
    return new Problem(message, values, tree, null);
  }

  /** A problem at a declaration. */
  public static Problem at(Element element, Message message, Object... values) {
    return new Problem(message, values, null, element);
  }

  public Tree tree() {
    return tree;
  }

  public Element element() {
    return element;
  }
}
