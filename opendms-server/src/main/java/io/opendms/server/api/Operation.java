package io.opendms.server.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendms.server.dms.ApiRequest;

/** One DMS operation: input members in, output members out, or a {@link DmsFault}. */
@FunctionalInterface
public interface Operation {
  ObjectNode handle(ApiRequest request);
}
