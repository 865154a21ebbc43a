package io.opendms.engine.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import io.opendms.spi.type.DataType;
import io.opendms.spi.type.DmsType;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Reads a transformation rule's {@code data-type} object into a canonical {@link DataType}. */
final class DataTypeReader {
  private static final Set<String> KEYS = Set.of("type", "precision", "scale", "length");
  private static final Set<String> NOSQL_TYPES = Set.of("set", "list", "map", "tuple");
  private static final List<String> TYPES = List.of("bytes", "date", "time", "datetime", "int1",
      "int2", "int4", "int8", "numeric", "real4", "real8", "string", "uint1", "uint2", "uint4",
      "uint8", "wstring", "blob", "nclob", "clob", "boolean");

  private DataTypeReader() {}

  /** Consoles write an unused parameter as {@code ""}; that means not given. */
  private static Long number(JsonFields fields, JsonNode node, String key, long max) {
    JsonNode value = node.get(key);
    if (value != null && value.isTextual() && value.textValue().isEmpty()) {
      return null;
    }
    return fields.nonNegative(key, max, false);
  }

  static DataType read(JsonFields rule, List<String> unsupported) {
    JsonNode node = rule.object("data-type", true);
    if (node == null) {
      return null;
    }
    JsonFields fields = rule.nested("data-type", node);
    fields.rejectUnknown(KEYS, "a data-type");
    String type = fields.text("type", true);
    Long precision = number(fields, node, "precision", 1000);
    Long scale = number(fields, node, "scale", 1000);
    Long length = number(fields, node, "length", Integer.MAX_VALUE);
    if (type == null) {
      return null;
    }
    if (NOSQL_TYPES.contains(type)) {
      unsupported.add(rule.label() + ": data-type.type " + type
          + " (Cassandra/DynamoDB collections) is not supported by this version");
      return null;
    }
    if (!TYPES.contains(type)) {
      fields.problem("type", "must be one of " + String.join(", ", TYPES) + ", got '" + type + "'");
      return null;
    }
    DmsType kind = DmsType.valueOf(type.toUpperCase(Locale.ROOT));
    int p = precision == null ? 0 : precision.intValue();
    int s = scale == null ? 0 : scale.intValue();
    int n = length == null ? 0 : length.intValue();
    try {
      return switch (kind) {
        case NUMERIC -> DataType.numeric(p, s);
        case DATETIME, TIME -> new DataType(kind, 0, precision == null ? 6 : p, 0);
        default -> {
          if (!kind.hasLength() && length != null && n > 0) {
            fields.problem("length", "is not taken by type " + type);
            yield null;
          }
          yield new DataType(kind, n, 0, 0);
        }
      };
    } catch (IllegalArgumentException e) {
      fields.problem("type", e.getMessage());
      return null;
    }
  }
}
