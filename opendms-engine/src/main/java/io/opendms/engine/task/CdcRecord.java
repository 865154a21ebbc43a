package io.opendms.engine.task;

import java.time.Instant;
import java.util.Objects;

/**
 * What the task remembers of its CDC between runs. The target's control table holds the
 * authoritative applied position; this copy says which phase the task reached.
 *
 * @param phase where CDC stands
 * @param startPosition where capture started (the slot's consistent point for a full load)
 * @param appliedPosition the last position committed on the target, as seen by this process
 * @param updated when this record was written
 */
public record CdcRecord(Phase phase, String startPosition, String appliedPosition, Instant updated) {

  /** How far a CDC task got. */
  public enum Phase {
    /** Loading tables in the slot's snapshot; changes are cached. A crash here needs a reload. */
    FULL_LOAD,
    /** Replicating changes; resumable from the target's stored position. */
    CHANGE_PROCESSING,
    /** Reached its CdcStopPosition. */
    STOPPED_AT_POSITION
  }

  public CdcRecord {
    Objects.requireNonNull(phase, "phase");
    Objects.requireNonNull(startPosition, "startPosition");
  }
}
