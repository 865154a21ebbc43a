package io.opendms.engine.settings;

import static io.opendms.engine.settings.JsonValueTypes.child;
import static io.opendms.engine.settings.JsonValueTypes.problem;
import static io.opendms.engine.settings.JsonValueTypes.show;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendms.spi.settings.Setting;
import io.opendms.spi.settings.SettingGroup;
import io.opendms.spi.settings.SettingValues;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@link JsonValueType}s for JSON objects and arrays of objects whose keys are declared by a
 * {@link SettingGroup}: task settings sections, their nested objects ({@code
 * TTSettings.TTS3Settings}) and lists ({@code Logging.LogComponents}).
 */
public final class JsonObjectTypes {
  private JsonObjectTypes() {}

  /**
   * An object whose keys are the group's settings. Keys not given (or given as {@code null})
   * take the declared default; keys whose default is null are left out when written.
   */
  public static JsonValueType<SettingValues> object(SettingGroup group) {
    return object(group, "unknown setting");
  }

  /**
   * An array of objects in which every key of the element group is required, as in DMS's
   * {@code {"Id":...,"Severity":...}} pairs. When {@code uniqueKey} is not null, no two elements
   * may have the same value for it.
   */
  public static JsonValueType<List<SettingValues>> objectList(
      SettingGroup element, String uniqueKey) {
    JsonValueType<SettingValues> elementType = object(element);
    return new JsonValueType<>() {
      @Override
      public List<SettingValues> read(String path, JsonNode node, List<String> problems) {
        if (!node.isArray()) {
          problems.add(problem(path, "expected " + description() + ", got " + show(node)));
          return null;
        }
        int before = problems.size();
        var values = new ArrayList<SettingValues>();
        var seen = new HashMap<JsonNode, Integer>();
        for (int i = 0; i < node.size(); i++) {
          String itemPath = path + "[" + i + "]";
          JsonNode item = node.get(i);
          if (item.isNull()) {
            problems.add(problem(itemPath, "expected an object, got null"));
            continue;
          }
          values.add(elementType.read(itemPath, item, problems));
          if (item.isObject()) {
            requireAll(element, itemPath, item, problems);
            if (uniqueKey != null && item.hasNonNull(uniqueKey)) {
              Integer first = seen.putIfAbsent(item.get(uniqueKey), i);
              if (first != null) {
                problems.add(
                    problem(child(itemPath, uniqueKey), "repeats " + item.get(uniqueKey)
                        + " of " + path + "[" + first + "]"));
              }
            }
          }
        }
        return problems.size() > before ? null : List.copyOf(values);
      }

      @Override
      public JsonNode write(List<SettingValues> value) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        value.forEach(item -> array.add(elementType.write(item)));
        return array;
      }

      @Override
      public String description() {
        return "an array of " + elementType.description();
      }
    };
  }

  static JsonValueType<SettingValues> object(SettingGroup group, String unknownKeyMessage) {
    Map<String, Setting<?>> byKey = new LinkedHashMap<>();
    for (Setting<?> setting : group.settings()) {
      byKey.put(setting.key(), setting);
      jsonType(setting); // fails at class initialisation, not at the first document
    }
    return new JsonValueType<>() {
      @Override
      public SettingValues read(String path, JsonNode node, List<String> problems) {
        if (!node.isObject()) {
          problems.add(problem(path, "expected an object, got " + show(node)));
          return null;
        }
        int before = problems.size();
        Map<String, Object> given = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
          String key = field.getKey();
          Setting<?> setting = byKey.get(key);
          if (setting == null) {
            problems.add(problem(child(path, key), unknownKeyMessage + suggestion(byKey, key)));
          } else if (!field.getValue().isNull()
              && jsonType(setting).read(child(path, key), field.getValue(), problems) != null) {
            given.put(key, field.getValue());
          }
        }
        // Values are read twice (here for paths, in resolve for SettingValues); both are cheap.
        return problems.size() > before ? null : group.resolveOrThrow(given);
      }

      @Override
      public JsonNode write(SettingValues values) {
        ObjectNode object = JsonNodeFactory.instance.objectNode();
        for (Setting<?> setting : byKey.values()) {
          JsonNode written = writeValue(setting, values);
          if (written != null) {
            object.set(setting.key(), written);
          }
        }
        return object;
      }

      @Override
      public String description() {
        return "an object with keys " + String.join(", ", byKey.keySet());
      }
    };
  }

  @SuppressWarnings("unchecked")
  static <T> JsonValueType<T> jsonType(Setting<T> setting) {
    if (setting.type() instanceof JsonValueType<?> type) {
      return (JsonValueType<T>) type;
    }
    throw new IllegalStateException(
        setting.key() + " is declared with a type that cannot be written as JSON");
  }

  private static <T> JsonNode writeValue(Setting<T> setting, SettingValues values) {
    T value = values.get(setting);
    return value == null ? null : jsonType(setting).write(value);
  }

  private static void requireAll(
      SettingGroup element, String path, JsonNode item, List<String> problems) {
    for (Setting<?> setting : element.settings()) {
      if (!item.hasNonNull(setting.key())) {
        problems.add(problem(child(path, setting.key()), "required"));
      }
    }
  }

  /** Old exports and hand-written documents often differ only in case ("commitRate"). */
  private static String suggestion(Map<String, Setting<?>> byKey, String key) {
    String lower = key.toLowerCase(Locale.ROOT);
    return byKey.keySet().stream()
        .filter(known -> known.toLowerCase(Locale.ROOT).equals(lower))
        .findFirst()
        .map(known -> " (did you mean " + known + "?)")
        .orElse("");
  }
}
