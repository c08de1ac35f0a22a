package dev.sparkweld.weld.cli;

import dev.sparkweld.weld.ir.DictType;
import dev.sparkweld.weld.ir.ScalarKind;
import dev.sparkweld.weld.ir.ScalarType;
import dev.sparkweld.weld.ir.SimdType;
import dev.sparkweld.weld.ir.StructType;
import dev.sparkweld.weld.ir.Type;
import dev.sparkweld.weld.ir.VecType;
import dev.sparkweld.weld.syntax.Printer;
import dev.sparkweld.weld.value.DictValue;
import dev.sparkweld.weld.value.SimdValue;
import dev.sparkweld.weld.value.StructValue;
import dev.sparkweld.weld.value.ValueText;
import dev.sparkweld.weld.value.ValueTypeVisitor;
import dev.sparkweld.weld.value.VecValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * JSON values to Weld values, directed by the parameter's type. Numbers are read by {@link ValueText} from their
 * text (exact for u64, i128, doubles); a string is accepted wherever the value text format is ({@code "nan"},
 * a large i128), and as UTF-8 bytes for {@code vec[u8]}/{@code vec[i8]}. Structs are arrays (positional), dicts are
 * arrays of {@code [key, value]} pairs or, for keys that are strings or scalars, objects. Failures name the path
 * of the value ({@code x[3].$1}) and why.
 */
final class JsonValues {
  private JsonValues() {}

  static Object convert(Object json, Type type, String path) {
    return type.accept(new Converter(json, path));
  }

  private static final class Converter extends ValueTypeVisitor<Object> {
    private final Object json;
    private final String path;

    Converter(Object json, String path) {
      this.json = json;
      this.path = path;
      if (json == JsonReader.NULL) {
        throw fail("null (Weld values have no nulls)");
      }
    }

    @Override
    public Object visitScalar(ScalarType t) {
      if (t.kind() == ScalarKind.BOOL) {
        if (json instanceof Boolean b) {
          return b;
        }
        throw fail("expected true or false, found " + describe(json));
      }
      String text;
      if (json instanceof JsonReader.Num n) {
        text = n.text();
      } else if (json instanceof String s) {
        text = s;
      } else {
        throw fail("expected a number for " + t.kind().name().toLowerCase(java.util.Locale.ROOT) + ", found "
            + describe(json));
      }
      try {
        return ValueText.parse(text, t);
      } catch (IllegalArgumentException e) {
        throw fail("'" + text + "' is not a " + Printer.printType(t) + " (" + e.getMessage() + ")");
      }
    }

    @Override
    public Object visitSimd(SimdType t) {
      List<?> items = list("an array of lanes");
      List<Object> lanes = new ArrayList<>();
      for (int i = 0; i < items.size(); i++) {
        lanes.add(convert(items.get(i), new ScalarType(t.elem()), path + "<" + i + ">"));
      }
      return new SimdValue(lanes);
    }

    @Override
    public Object visitVec(VecType t) {
      if (json instanceof String s && t.elem() instanceof ScalarType st
          && (st.kind() == ScalarKind.U8 || st.kind() == ScalarKind.I8)) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        Object[] elems = new Object[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
          elems[i] = bytes[i];
        }
        return VecValue.wrap(elems);
      }
      List<?> items = list("an array");
      Object[] elems = new Object[items.size()];
      for (int i = 0; i < elems.length; i++) {
        elems[i] = convert(items.get(i), t.elem(), path + "[" + i + "]");
      }
      return VecValue.wrap(elems);
    }

    @Override
    public Object visitStruct(StructType t) {
      List<?> items = list("an array of " + t.fields().size() + " fields");
      if (items.size() != t.fields().size()) {
        throw fail("a struct of " + t.fields().size() + " fields, found " + items.size() + " values");
      }
      List<Object> fields = new ArrayList<>();
      for (int i = 0; i < items.size(); i++) {
        fields.add(convert(items.get(i), t.fields().get(i), path + ".$" + i));
      }
      return new StructValue(fields);
    }

    @Override
    public Object visitDict(DictType t) {
      List<Map.Entry<Object, Object>> entries = new ArrayList<>();
      if (json instanceof Map<?, ?> m) {
        for (Map.Entry<?, ?> e : m.entrySet()) {
          String keyPath = path + "{" + e.getKey() + "}";
          Object key = convert(e.getKey(), t.key(), keyPath);
          entries.add(Map.entry(key, convert(e.getValue(), t.value(), keyPath)));
        }
      } else {
        List<?> items = list("an object or an array of [key, value] pairs");
        for (int i = 0; i < items.size(); i++) {
          if (!(items.get(i) instanceof List<?> pair) || pair.size() != 2) {
            throw new CliException(ExitCode.INPUT_ERROR, path + "[" + i + "]: expected a [key, value] pair");
          }
          entries.add(Map.entry(convert(pair.get(0), t.key(), path + "[" + i + "][0]"),
              convert(pair.get(1), t.value(), path + "[" + i + "][1]")));
        }
      }
      DictValue d = DictValue.ofEntries(entries);
      if (d.size() != entries.size()) {
        throw fail("a key appears twice");
      }
      return d;
    }

    private List<?> list(String what) {
      if (json instanceof List<?> l) {
        return l;
      }
      throw fail("expected " + what + ", found " + describe(json));
    }

    private CliException fail(String message) {
      return new CliException(ExitCode.INPUT_ERROR, path + ": " + message);
    }
  }

  private static String describe(Object json) {
    if (json instanceof Map<?, ?>) {
      return "an object";
    }
    if (json instanceof List<?>) {
      return "an array";
    }
    if (json instanceof String s) {
      return "the string \"" + s + "\"";
    }
    return String.valueOf(json);
  }
}
