package io.opendms.server.store;

import java.time.Instant;
import java.util.List;

/** One DMS event: what happened to which resource, when. */
public record StoredEvent(
    String sourceIdentifier, String sourceType, String message, List<String> categories, Instant date) {

  public StoredEvent {
    categories = List.copyOf(categories);
  }
}
