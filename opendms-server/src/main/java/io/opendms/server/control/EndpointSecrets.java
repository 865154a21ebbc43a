package io.opendms.server.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendms.server.dms.Json;
import io.opendms.spi.endpoint.EndpointConfig;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.Map;

/**
 * Separates an endpoint's secrets from what Describe may show: {@code Password} and the
 * secret-looking members of its settings objects go into one sealed JSON object; the stored body
 * keeps everything else.
 */
final class EndpointSecrets {
  private EndpointSecrets() {}

  /** Moves secret members of {@code body}'s settings objects into {@code secrets}. */
  static void extract(ObjectNode body, ObjectNode secrets) {
    for (String member : settingsMembers(body)) {
      ObjectNode settings = (ObjectNode) body.get(member);
      Iterator<Map.Entry<String, JsonNode>> fields = settings.fields();
      while (fields.hasNext()) {
        var field = fields.next();
        if (EndpointConfig.isSecretSetting(field.getKey())) {
          secrets.set(member + "." + field.getKey(), field.getValue());
          fields.remove();
        }
      }
    }
  }

  static ArrayList<String> settingsMembers(ObjectNode body) {
    var names = new ArrayList<String>();
    body.fieldNames().forEachRemaining(name -> {
      if (name.endsWith("Settings") && body.get(name).isObject()) {
        names.add(name);
      }
    });
    return names;
  }

  static String write(ObjectNode secrets) {
    return secrets.toString();
  }

  static ObjectNode read(String json) {
    try {
      return (ObjectNode) Json.MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a sealed endpoint secret is not JSON", e);
    }
  }
}
