package io.opendms.engine.task;

import io.opendms.spi.table.TableId;
import java.time.Instant;
import java.util.Objects;

/**
 * A target table whose changes the apply error policy stopped applying (SUSPEND_TABLE), kept in
 * the task state so that resume-processing leaves it suspended; a reload (ReloadTables,
 * reload-target) brings it back.
 *
 * @param target the target table
 * @param reason why, as the policy logged it
 * @param since when it was suspended
 */
public record SuspendedTable(TableId target, String reason, Instant since) {
  public SuspendedTable {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(since, "since");
  }
}
