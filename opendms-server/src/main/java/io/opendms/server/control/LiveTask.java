package io.opendms.server.control;

import io.opendms.engine.task.MigrationTask;
import java.util.Objects;

/**
 * A task running in this server now, for the metrics and the console.
 *
 * @param arn the task's ARN
 * @param identifier its ReplicationTaskIdentifier
 * @param migration the engine run: {@link MigrationTask#status()} and {@link
 *     MigrationTask#cdcMetrics()} may be read from any thread
 */
public record LiveTask(String arn, String identifier, MigrationTask migration) {
  public LiveTask {
    Objects.requireNonNull(arn, "arn");
    Objects.requireNonNull(identifier, "identifier");
    Objects.requireNonNull(migration, "migration");
  }
}
