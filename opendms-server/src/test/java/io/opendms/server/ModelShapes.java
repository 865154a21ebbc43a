package io.opendms.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;

/**
 * Checks raw JSON against the AWS SDK's service model: SDK clients silently drop a member the
 * model does not have (a misspelling is invisible to them) and fail on a member of the wrong
 * JSON kind, so both are shape errors worth finding.
 */
final class ModelShapes {
  private ModelShapes() {}

  /**
   * The problems of {@code json} as an instance of {@code shape} (an SDK model builder), each
   * with its path; members named in {@code extensions} are OpenDMS's own and allowed.
   */
  static List<String> problems(JsonNode json, SdkPojo shape, Set<String> extensions) {
    List<String> problems = new ArrayList<>();
    structure(json, shape, "", extensions, problems);
    return problems;
  }

  private static void structure(JsonNode json, SdkPojo shape, String path, Set<String> extensions,
      List<String> problems) {
    Map<String, SdkField<?>> fields = shape.sdkFields().stream()
        .collect(Collectors.toMap(SdkField::locationName, Function.identity()));
    json.fieldNames().forEachRemaining(name -> {
      SdkField<?> field = fields.get(name);
      if (field == null) {
        if (!extensions.contains(name)) {
          problems.add(path + name + ": not in the model");
        }
      } else {
        value(json.get(name), field, path + name, extensions, problems);
      }
    });
  }

  private static void value(JsonNode value, SdkField<?> field, String path, Set<String> extensions,
      List<String> problems) {
    if (value.isNull()) {
      return;
    }
    MarshallingType<?> type = field.marshallingType();
    boolean ok;
    if (type == MarshallingType.SDK_POJO) {
      ok = value.isObject();
      if (ok) {
        structure(value, (SdkPojo) field.constructor().get(), path + ".", extensions, problems);
      }
    } else if (type == MarshallingType.LIST) {
      ok = value.isArray();
      SdkField<?> member = field.getTrait(ListTrait.class).memberFieldInfo();
      for (int i = 0; ok && i < value.size(); i++) {
        value(value.get(i), member, path + "[" + i + "]", extensions, problems);
      }
    } else if (type == MarshallingType.MAP) {
      ok = value.isObject();
      SdkField<?> member = field.getTrait(MapTrait.class).valueFieldInfo();
      value.fields().forEachRemaining(e -> value(e.getValue(), member, path + "." + e.getKey(), extensions, problems));
    } else if (type == MarshallingType.INSTANT || type == MarshallingType.DOUBLE || type == MarshallingType.FLOAT) {
      ok = value.isNumber();
    } else if (type == MarshallingType.INTEGER || type == MarshallingType.LONG) {
      ok = value.isIntegralNumber();
    } else if (type == MarshallingType.BOOLEAN) {
      ok = value.isBoolean();
    } else if (type == MarshallingType.STRING) {
      ok = value.isTextual();
    } else {
      ok = true;
    }
    if (!ok) {
      problems.add(path + ": " + value.getNodeType() + " where the model has " + type);
    }
  }
}
