package io.opendms.server.dms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The input members of one call with typed access; a missing required member or a member of the
 * wrong JSON type becomes InvalidParameterValueException naming the member.
 */
public record ApiRequest(String operation, ObjectNode body) {

  public boolean has(String name) {
    JsonNode value = body.get(name);
    return value != null && !value.isNull();
  }

  public String requiredString(String name) {
    return optionalString(name).orElseThrow(() -> missing(name));
  }

  public Optional<String> optionalString(String name) {
    if (!has(name)) {
      return Optional.empty();
    }
    JsonNode value = body.get(name);
    if (!value.isTextual()) {
      throw wrongType(name, "a string", value);
    }
    return Optional.of(value.asText());
  }

  public Optional<Integer> optionalInt(String name) {
    if (!has(name)) {
      return Optional.empty();
    }
    JsonNode value = body.get(name);
    if (!value.isIntegralNumber() || !value.canConvertToInt()) {
      throw wrongType(name, "an integer", value);
    }
    return Optional.of(value.intValue());
  }

  public Optional<Boolean> optionalBoolean(String name) {
    if (!has(name)) {
      return Optional.empty();
    }
    JsonNode value = body.get(name);
    if (!value.isBoolean()) {
      throw wrongType(name, "a boolean", value);
    }
    return Optional.of(value.booleanValue());
  }

  /** A timestamp as epoch seconds (what the SDKs send). */
  public Optional<Instant> optionalTimestamp(String name) {
    if (!has(name)) {
      return Optional.empty();
    }
    JsonNode value = body.get(name);
    if (!value.isNumber()) {
      throw wrongType(name, "a timestamp in epoch seconds", value);
    }
    BigDecimal millis = value.decimalValue().movePointRight(3);
    return Optional.of(Instant.ofEpochMilli(millis.longValue()));
  }

  public Optional<ObjectNode> optionalObject(String name) {
    if (!has(name)) {
      return Optional.empty();
    }
    JsonNode value = body.get(name);
    if (!value.isObject()) {
      throw wrongType(name, "a structure", value);
    }
    return Optional.of((ObjectNode) value);
  }

  public List<String> stringList(String name) {
    if (!has(name)) {
      return List.of();
    }
    JsonNode value = body.get(name);
    if (!value.isArray()) {
      throw wrongType(name, "a list of strings", value);
    }
    var result = new ArrayList<String>();
    for (JsonNode item : value) {
      if (!item.isTextual()) {
        throw wrongType(name + " member", "a string", item);
      }
      result.add(item.asText());
    }
    return result;
  }

  public List<String> requiredStringList(String name) {
    if (!has(name)) {
      throw missing(name);
    }
    return stringList(name);
  }

  /** {@code Tags: [{Key, Value}]} in order; Key is required, Value defaults to empty. */
  public Map<String, String> tags(String name) {
    var tags = new LinkedHashMap<String, String>();
    if (!has(name)) {
      return tags;
    }
    JsonNode value = body.get(name);
    if (!value.isArray()) {
      throw wrongType(name, "a list of tags", value);
    }
    for (JsonNode tag : value) {
      ApiRequest member = new ApiRequest(operation, asObject(name + " member", tag));
      tags.put(member.requiredString("Key"), member.optionalString("Value").orElse(""));
    }
    return tags;
  }

  /** Each member of a list of structures, as a request of its own for typed access. */
  public List<ApiRequest> structureList(String name) {
    if (!has(name)) {
      return List.of();
    }
    JsonNode value = body.get(name);
    if (!value.isArray()) {
      throw wrongType(name, "a list", value);
    }
    var result = new ArrayList<ApiRequest>();
    for (JsonNode item : value) {
      result.add(new ApiRequest(operation, asObject(name + " member", item)));
    }
    return result;
  }

  private static ObjectNode asObject(String name, JsonNode value) {
    if (!value.isObject()) {
      throw wrongType(name, "a structure", value);
    }
    return (ObjectNode) value;
  }

  public static DmsFault missing(String name) {
    return DmsFault.invalidParameter("The request must contain the parameter " + name);
  }

  public static DmsFault wrongType(String name, String expected, JsonNode value) {
    return DmsFault.invalidParameter(
        "Parameter " + name + " must be " + expected + ", got " + value.getNodeType().name().toLowerCase()
            + (value.isValueNode() ? " " + abbreviate(value.toString()) : ""));
  }

  private static String abbreviate(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "...";
  }
}
