package io.opendms.engine.mapping.expression;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The SQLite functions DMS expressions may call, plus DMS's {@code operation_indicator}. Each is
 * declared with its argument counts, checked when the expression is parsed.
 */
final class Functions {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int MANY = Integer.MAX_VALUE;

  /** Name -> {fewest, most} arguments. */
  private static final Map<String, int[]> ARITY = Map.ofEntries(
      Map.entry("upper", new int[] {1, 1}), Map.entry("lower", new int[] {1, 1}),
      Map.entry("length", new int[] {1, 1}), Map.entry("substr", new int[] {2, 3}),
      Map.entry("substring", new int[] {2, 3}), Map.entry("trim", new int[] {1, 2}),
      Map.entry("ltrim", new int[] {1, 2}), Map.entry("rtrim", new int[] {1, 2}),
      Map.entry("replace", new int[] {3, 3}), Map.entry("replacechars", new int[] {3, 3}),
      Map.entry("round", new int[] {1, 2}), Map.entry("abs", new int[] {1, 1}),
      Map.entry("coalesce", new int[] {2, MANY}), Map.entry("ifnull", new int[] {2, 2}),
      Map.entry("nullif", new int[] {2, 2}), Map.entry("max", new int[] {2, MANY}),
      Map.entry("min", new int[] {2, MANY}), Map.entry("hex", new int[] {1, 1}),
      Map.entry("instr", new int[] {2, 2}), Map.entry("typeof", new int[] {1, 1}),
      Map.entry("concat", new int[] {1, MANY}), Map.entry("random", new int[] {0, 0}),
      Map.entry("randomblob", new int[] {1, 1}), Map.entry("zeroblob", new int[] {1, 1}),
      Map.entry("hash_sha256", new int[] {1, 1}), Map.entry("date", new int[] {0, MANY}),
      Map.entry("time", new int[] {0, MANY}), Map.entry("datetime", new int[] {0, MANY}),
      Map.entry("julianday", new int[] {0, MANY}), Map.entry("unixepoch", new int[] {0, MANY}),
      Map.entry("strftime", new int[] {1, MANY}),
      Map.entry("operation_indicator", new int[] {3, 3}));

  private Functions() {}

  /** Rejects unknown functions and wrong argument counts at parse time. */
  static void check(Node.Call call) {
    int[] arity = ARITY.get(call.name());
    if (arity == null) {
      throw new ExpressionException(call.position(), "unknown function " + call.name() + "()");
    }
    int count = call.arguments().size();
    if (count < arity[0] || count > arity[1]) {
      String expected = arity[0] == arity[1] ? String.valueOf(arity[0])
          : arity[1] == MANY ? arity[0] + " or more" : arity[0] + " to " + arity[1];
      throw new ExpressionException(call.position(), call.name() + "() takes " + expected
          + " argument(s), got " + count);
    }
  }

  static Object call(Node.Call call, ExpressionScope scope) {
    // coalesce and friends must not evaluate what they do not need; the others take all values
    switch (call.name()) {
      case "coalesce", "ifnull" -> {
        for (Node argument : call.arguments()) {
          Object value = argument.evaluate(scope);
          if (value != null) {
            return value;
          }
        }
        return null;
      }
      case "operation_indicator" -> {
        int chosen = switch (scope.operation()) {
          case DELETE -> 0;
          case UPDATE -> 1;
          case INSERT, LOAD -> 2;
        };
        return call.arguments().get(chosen).evaluate(scope);
      }
      default -> {
        var values = new ArrayList<Object>();
        call.arguments().forEach(argument -> values.add(argument.evaluate(scope)));
        return apply(call, values, scope);
      }
    }
  }

  private static Object apply(Node.Call call, List<Object> args, ExpressionScope scope) {
    Object first = args.isEmpty() ? null : args.get(0);
    switch (call.name()) {
      case "random":
        return RANDOM.nextLong();
      case "date":
        return SqliteDates.date(args, scope);
      case "time":
        return SqliteDates.time(args, scope);
      case "datetime":
        return SqliteDates.datetime(args, scope);
      case "julianday":
        return SqliteDates.julianday(args, scope);
      case "unixepoch":
        return SqliteDates.unixepoch(args, scope);
      case "strftime":
        return SqliteDates.strftime(args, scope);
      case "concat":
        var joined = new StringBuilder();
        args.stream().filter(a -> a != null).forEach(a -> joined.append(SqliteValues.text(a)));
        return joined.toString();
      case "max", "min":
        return extreme(args, call.name().equals("max"));
      case "typeof":
        return typeOf(first);
      case "nullif":
        return first != null && args.get(1) != null && SqliteValues.compare(first, args.get(1)) == 0
            ? null : first;
      default:
        break;
    }
    if (args.stream().anyMatch(a -> a == null)) {
      return null;
    }
    return switch (call.name()) {
      case "upper" -> SqliteValues.text(first).toUpperCase(Locale.ROOT);
      case "lower" -> SqliteValues.text(first).toLowerCase(Locale.ROOT);
      case "length" -> first instanceof byte[] bytes ? (long) bytes.length
          : (long) SqliteValues.text(first).codePointCount(0, SqliteValues.text(first).length());
      case "substr", "substring" -> Strings.substr(SqliteValues.text(first),
          integer(args.get(1)), args.size() > 2 ? integer(args.get(2)) : null);
      case "trim" -> Strings.trim(SqliteValues.text(first), characters(args), true, true);
      case "ltrim" -> Strings.trim(SqliteValues.text(first), characters(args), true, false);
      case "rtrim" -> Strings.trim(SqliteValues.text(first), characters(args), false, true);
      case "replace" -> SqliteValues.text(args.get(1)).isEmpty() ? SqliteValues.text(first)
          : SqliteValues.text(first).replace(SqliteValues.text(args.get(1)),
              SqliteValues.text(args.get(2)));
      case "replacechars" -> Strings.replaceChars(SqliteValues.text(first),
          SqliteValues.text(args.get(1)), SqliteValues.text(args.get(2)));
      case "round" -> round(first, args.size() > 1 ? integer(args.get(1)) : 0);
      case "abs" -> abs(first, call.position());
      case "hex" -> HexFormat.of().withUpperCase().formatHex(bytes(first));
      case "instr" -> (long) SqliteValues.text(first).indexOf(SqliteValues.text(args.get(1))) + 1;
      case "randomblob" -> randomBlob(integer(first));
      case "zeroblob" -> new byte[(int) Math.max(0, Math.min(integer(first), 1 << 24))];
      case "hash_sha256" -> sha256(bytes(first));
      default -> throw new ExpressionException(call.position(), "unknown function " + call.name());
    };
  }

  private static String characters(List<Object> args) {
    return args.size() > 1 ? SqliteValues.text(args.get(1)) : " ";
  }

  private static long integer(Object value) {
    Object number = SqliteValues.numeric(value);
    return number instanceof Long l ? l : (long) SqliteValues.real(number);
  }

  private static byte[] bytes(Object value) {
    return value instanceof byte[] raw ? raw
        : SqliteValues.text(value).getBytes(StandardCharsets.UTF_8);
  }

  private static Object extreme(List<Object> args, boolean max) {
    Object best = null;
    for (Object value : args) {
      if (value == null) {
        return null;
      }
      if (best == null || (SqliteValues.compare(value, best) > 0) == max
          && SqliteValues.compare(value, best) != 0) {
        best = value;
      }
    }
    return best;
  }

  private static Object round(Object value, long digits) {
    double number = SqliteValues.real(SqliteValues.numeric(value));
    int places = (int) Math.max(0, Math.min(digits, 30));
    return new java.math.BigDecimal(Double.toString(number))
        .setScale(places, java.math.RoundingMode.HALF_UP).doubleValue();
  }

  private static Object abs(Object value, int position) {
    Object number = SqliteValues.numeric(value);
    if (number instanceof Long l) {
      if (l == Long.MIN_VALUE) {
        throw new ExpressionException(position, "abs(): integer overflow");
      }
      return Math.abs(l);
    }
    return Math.abs(SqliteValues.real(number));
  }

  private static String typeOf(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof Long) {
      return "integer";
    }
    if (value instanceof Double) {
      return "real";
    }
    return value instanceof byte[] ? "blob" : "text";
  }

  private static byte[] randomBlob(long size) {
    var blob = new byte[(int) Math.max(1, Math.min(size, 1 << 24))];
    RANDOM.nextBytes(blob);
    return blob;
  }

  private static String sha256(byte[] input) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(input));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
