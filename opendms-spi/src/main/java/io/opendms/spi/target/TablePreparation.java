package io.opendms.spi.target;

import java.util.Objects;

/**
 * How a target table is made ready for a full load and finished after it.
 *
 * @param mode what to do with an existing table
 * @param createPrimaryKeyAfterLoad create the primary key when the load is complete rather than
 *     before (DMS {@code CreatePkAfterFullLoad}): faster loads, no key checks while loading
 */
public record TablePreparation(PrepMode mode, boolean createPrimaryKeyAfterLoad) {
  public TablePreparation {
    Objects.requireNonNull(mode, "mode");
  }
}
