package io.opendms.spi.schema;

import io.opendms.spi.target.TablePreparation;
import java.util.List;
import java.util.OptionalLong;

/**
 * Implemented by target connectors that can give the tables a task creates what schema
 * conversion knows beyond columns and primary key: defaults and identity, unique and secondary
 * indexes, foreign keys, and counters. Every {@link TableSchema} here is in target terms: the
 * target table's name and columns, and foreign keys referencing target tables. Called on the
 * engine's coordinating thread, beside {@link io.opendms.spi.target.TargetConnector}'s own
 * methods; blocks on the target. What cannot be created is returned with the reason (the
 * database's message when the target refused it), never dropped silently; a failure of the
 * connection throws {@link io.opendms.spi.error.OpenDmsException}.
 */
public interface SchemaObjectTarget {

  /**
   * Prepares the table as {@link io.opendms.spi.target.TargetConnector#prepare} does, except that
   * a table it creates gets the defaults and identity of {@code table} that translate.
   *
   * @return the defaults and identities left out, and why
   */
  List<SkippedObject> prepare(TableSchema table, TablePreparation preparation);

  /**
   * Creates the table's unique and secondary indexes, after its rows are loaded.
   *
   * @return the indexes not created, and why
   */
  List<SkippedObject> createIndexes(TableSchema table);

  /**
   * Creates the table's foreign keys; the tables they reference exist and are loaded.
   *
   * @return the foreign keys not created, and why
   */
  List<SkippedObject> createForeignKeys(TableSchema table);

  /**
   * Sets the counter of the table's identity, serial or AUTO_INCREMENT column so that it hands
   * out {@code counter.nextValue()} next, or the value after the column's largest stored value
   * when that is higher: a counter never moves back onto stored rows.
   *
   * @param counter the source's counter, with the target's table and column names
   * @return the next value the counter now hands out; empty when the target column has no
   *     counter
   */
  OptionalLong syncCounter(IdentityCounter counter);

  /**
   * Creates the sequence when the target has none of that name, and sets it to hand out {@code
   * sequence.nextValue()} next, or its own next value when that is higher.
   *
   * @param sequence the source's sequence, with the target's schema
   * @return the next value it now hands out; empty when the target has no standalone sequences
   */
  OptionalLong syncSequence(StandaloneSequence sequence);
}
