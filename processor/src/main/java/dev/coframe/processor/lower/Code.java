package dev.coframe.processor.lower;

/** Lines of generated Java with indentation; {@code case} labels sit one level out. */
final class Code {
  private final StringBuilder out = new StringBuilder();
  private int indent;

  Code(int indent) {
    this.indent = indent;
  }

  void line(String s) {
    for (int i = 0; i < indent; i++) {
      out.append("  ");
    }
    out.append(s).append('\n');
  }

  /** Several lines of user text, kept as the user indented them. */
  void lines(String text) {
    for (String l : text.split("\n", -1)) {
      line(l);
    }
  }

  void open(String header) {
    line(header + " {");
    indent++;
  }

  void close() {
    indent--;
    line("}");
  }

  void label(String s) {
    indent--;
    line(s);
    indent++;
  }

  @Override
  public String toString() {
    return out.toString();
  }
}
