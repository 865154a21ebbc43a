package io.opendms.engine.cdc;

/**
 * Changes of one table committed on the target by CDC, as DMS's table statistics count them.
 *
 * @param inserts rows inserted
 * @param updates rows updated
 * @param deletes rows deleted
 * @param ddls DDL applied (truncations: DMS counts TRUNCATE as DDL)
 */
public record TableChanges(long inserts, long updates, long deletes, long ddls) {

  public static final TableChanges NONE = new TableChanges(0, 0, 0, 0);

  TableChanges plus(TableChanges other) {
    return new TableChanges(inserts + other.inserts, updates + other.updates,
        deletes + other.deletes, ddls + other.ddls);
  }
}
