package dev.coframe.examples;

/** Runs every example: {@code mvn -q install exec:java -pl examples -am} (see README). */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    P2477Loops.run();
    System.out.println();
    Fibonacci.run();
    System.out.println();
    Pipeline.run();
    System.out.println();
    Resilience.run();
  }
}
