package dev.coframe.processor.diff;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads what the tests need from a class file: the bytecode length of each method and the names
 * of the fields (JVMS 4). HotSpot never compiles a method longer than 8,000 bytes
 * ({@code DontCompileHugeMethods}) and inlines hot ones only up to 325 ({@code FreqInlineSize}).
 */
final class ClassFiles {
  /** What one class file holds: methods ({@code name+descriptor} to code length) and field names. */
  record Info(Map<String, Integer> methodSizes, Map<String, String> fields) {}

  private ClassFiles() {}

  static Info read(byte[] bytes) {
    try {
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
      if (in.readInt() != 0xCAFEBABE) {
        throw new IllegalArgumentException("not a class file");
      }
      in.readUnsignedShort();
      in.readUnsignedShort();
      int count = in.readUnsignedShort();
      String[] utf8 = new String[count];
      for (int i = 1; i < count; i++) {
        int tag = in.readUnsignedByte();
        switch (tag) {
          case 1 -> utf8[i] = in.readUTF();
          case 7, 8, 16, 19, 20 -> in.skipBytes(2);
          case 15 -> in.skipBytes(3);
          case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipBytes(4);
          case 5, 6 -> {
            in.skipBytes(8);
            i++; // takes two entries
          }
          default -> throw new IllegalArgumentException("constant pool tag " + tag);
        }
      }
      in.skipBytes(6); // access, this, super
      in.skipBytes(2 * in.readUnsignedShort()); // interfaces
      Map<String, String> fields = new LinkedHashMap<>();
      int fieldCount = in.readUnsignedShort();
      for (int i = 0; i < fieldCount; i++) {
        in.readUnsignedShort();
        String name = utf8[in.readUnsignedShort()];
        fields.put(name, utf8[in.readUnsignedShort()]);
        skipAttributes(in);
      }
      Map<String, Integer> methods = new LinkedHashMap<>();
      int methodCount = in.readUnsignedShort();
      for (int i = 0; i < methodCount; i++) {
        in.readUnsignedShort();
        String name = utf8[in.readUnsignedShort()] + utf8[in.readUnsignedShort()];
        int attributes = in.readUnsignedShort();
        for (int a = 0; a < attributes; a++) {
          String attribute = utf8[in.readUnsignedShort()];
          int length = in.readInt();
          if (attribute.equals("Code")) {
            in.skipBytes(4); // max_stack, max_locals
            int code = in.readInt();
            methods.put(name, code);
            in.skipBytes(length - 8);
          } else {
            in.skipBytes(length);
          }
        }
      }
      return new Info(methods, fields);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void skipAttributes(DataInputStream in) throws IOException {
    int n = in.readUnsignedShort();
    for (int a = 0; a < n; a++) {
      in.readUnsignedShort();
      in.skipBytes(in.readInt());
    }
  }
}
