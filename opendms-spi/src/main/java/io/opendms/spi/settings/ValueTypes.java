package io.opendms.spi.settings;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The value types settings are declared with. Each rejects bad values; none clamps. */
public final class ValueTypes {
  private ValueTypes() {}

  public static ValueType<Integer> integer(int min, int max) {
    return new ValueType<>() {
      @Override
      public Integer parse(Object raw) {
        long value;
        if (raw instanceof Number number && number.doubleValue() == number.longValue()) {
          value = number.longValue();
        } else if (raw instanceof String text) {
          try {
            value = Long.parseLong(text.trim());
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected " + description() + ", got '" + raw + "'");
          }
        } else {
          throw new IllegalArgumentException("expected " + description() + ", got " + raw);
        }
        if (value < min || value > max) {
          throw new IllegalArgumentException("expected " + description() + ", got " + value);
        }
        return (int) value;
      }

      @Override
      public String description() {
        return "integer " + min + ".." + max;
      }
    };
  }

  public static ValueType<Boolean> bool() {
    return new ValueType<>() {
      @Override
      public Boolean parse(Object raw) {
        if (raw instanceof Boolean value) {
          return value;
        }
        if (raw instanceof String text) {
          String lower = text.trim().toLowerCase(Locale.ROOT);
          if (lower.equals("true") || lower.equals("y")) {
            return true;
          }
          if (lower.equals("false") || lower.equals("n")) {
            return false;
          }
        }
        throw new IllegalArgumentException("expected true or false, got '" + raw + "'");
      }

      @Override
      public String description() {
        return "boolean";
      }
    };
  }

  public static ValueType<String> text() {
    return new ValueType<>() {
      @Override
      public String parse(Object raw) {
        if (raw instanceof String text) {
          return text;
        }
        throw new IllegalArgumentException("expected a string, got " + raw);
      }

      @Override
      public String description() {
        return "string";
      }
    };
  }

  /** One of the enum's constant names, exactly as DMS spells them. */
  public static <E extends Enum<E>> ValueType<E> oneOf(Class<E> type) {
    return new ValueType<>() {
      @Override
      public E parse(Object raw) {
        if (raw instanceof String text) {
          for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(text)) {
              return constant;
            }
          }
        }
        throw new IllegalArgumentException("expected " + description() + ", got '" + raw + "'");
      }

      @Override
      public String description() {
        return "one of "
            + Arrays.stream(type.getEnumConstants())
                .map(Enum::name)
                .collect(Collectors.joining(", "));
      }
    };
  }

  /** One of the given words, compared ignoring case (DMS's API spells them lower-case, its ECAs
   * upper-case); the value is the word as declared. */
  public static ValueType<String> choice(String... words) {
    return new ValueType<>() {
      @Override
      public String parse(Object raw) {
        if (raw instanceof String text) {
          for (String word : words) {
            if (word.equalsIgnoreCase(text.trim().replace('_', '-'))) {
              return word;
            }
          }
        }
        throw new IllegalArgumentException("expected " + description() + ", got '" + raw + "'");
      }

      @Override
      public String description() {
        return "one of " + String.join(", ", words);
      }
    };
  }
}
