package io.opendms.server.store;

import java.time.Instant;
import java.util.List;

/** The outcome of the latest RefreshSchemas of one endpoint. */
public record StoredSchemas(
    String endpointArn, String instanceArn, String status, List<String> schemas, Instant refreshed,
    String lastFailureMessage) {

  public StoredSchemas {
    schemas = List.copyOf(schemas);
  }
}
