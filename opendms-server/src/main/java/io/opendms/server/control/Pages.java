package io.opendms.server.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendms.server.dms.ApiRequest;
import io.opendms.server.dms.Json;
import io.opendms.server.dms.Page;
import java.util.List;

/** A Describe result: one page of items under their DMS member name, plus Marker. */
final class Pages {
  private Pages() {}

  static ObjectNode result(List<? extends JsonNode> all, ApiRequest request, String member, int max) {
    Page<? extends JsonNode> page = Page.of(all, request, max);
    ObjectNode result = Json.object();
    ArrayNode items = result.putArray(member);
    page.items().forEach(items::add);
    if (page.nextMarker() != null) {
      result.put("Marker", page.nextMarker());
    }
    return result;
  }
}
