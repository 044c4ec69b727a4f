package shop;

import static dev.coframe.runtime.Co.await;

import dev.coframe.Coroutine;
import dev.coframe.runtime.Co;
import dev.coframe.runtime.Yield;
import java.util.ArrayList;
import java.util.List;

/** The program the reach tests build as a user would: each result lowered, then in direct mode. */
public final class Shop {
  private Shop() {}

  @Coroutine
  static int price(String sku) {
    await(Co.sleep(1));
    return sku.length() * 10;
  }

  @Coroutine
  static int total(List<String> skus) {
    int sum = 0;
    for (String s : skus) {
      sum += price(s);
    }
    return sum;
  }

  @Coroutine
  static void squares(int n, Yield<Integer> out) {
    for (int i = 0; i < n; i++) {
      out.yield(i * i);
    }
  }

  public static void main(String[] args) {
    List<String> skus = List.of("apple", "fig", "banana");
    System.out.println("total " + ShopCoroutines.total(skus).join());
    System.out.println("total, direct " + total(skus));
    List<Integer> lowered = new ArrayList<>();
    for (int x : ShopCoroutines.squares(5)) {
      lowered.add(x);
    }
    System.out.println("squares " + lowered);
    List<Integer> direct = new ArrayList<>();
    squares(5, direct::add);
    System.out.println("squares, direct " + direct);
  }
}
