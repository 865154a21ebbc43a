package io.opendms.server.control;

import io.opendms.server.store.MetadataStore;
import io.opendms.server.store.StoredEvent;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Records DMS events; a failure to record one is logged, never fails the call that caused it. */
final class Events {
  private static final Logger log = LoggerFactory.getLogger(Events.class);

  private final MetadataStore store;
  private final Clock clock;

  Events(MetadataStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  void instance(String identifier, String message, String category) {
    record(identifier, "replication-instance", message, category);
  }

  void task(String identifier, String message, String category) {
    record(identifier, "replication-task", message, category);
  }

  private void record(String identifier, String sourceType, String message, String category) {
    try {
      store.activity().addEvent(
          new StoredEvent(identifier, sourceType, message, List.of(category), clock.instant()));
    } catch (RuntimeException e) {
      log.warn("could not record event '{}' of {}: {}", message, identifier, e.getMessage());
    }
  }
}
