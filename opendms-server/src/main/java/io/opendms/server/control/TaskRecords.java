package io.opendms.server.control;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendms.server.store.MetadataStore;
import io.opendms.server.store.ResourceKind;
import io.opendms.server.store.StoredResource;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Read-modify-write of task documents, serialised: the API threads and the task threads both
 * change a task's status, and neither may lose the other's change.
 */
final class TaskRecords {
  private final MetadataStore store;

  TaskRecords(MetadataStore store) {
    this.store = store;
  }

  /** Applies {@code change} to a copy of the stored task and stores it; empty if it is gone. */
  synchronized Optional<StoredResource> update(String arn, Consumer<ObjectNode> change) {
    Optional<StoredResource> found = store.find(arn).filter(r -> r.kind() == ResourceKind.TASK);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    ObjectNode body = found.get().body().deepCopy();
    change.accept(body);
    StoredResource updated = found.get().withBody(body);
    store.update(updated);
    return Optional.of(updated);
  }

  /** Replaces the identifier as well (ModifyReplicationTask). */
  synchronized void replace(StoredResource task) {
    store.update(task);
  }
}
