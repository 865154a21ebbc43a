package io.opendms.engine.schema;

import static io.opendms.engine.schema.TargetSchemasTest.CUSTOMERS;
import static io.opendms.engine.schema.TargetSchemasTest.ORDERS;
import static io.opendms.engine.schema.TargetSchemasTest.key;
import static io.opendms.engine.schema.TargetSchemasTest.schema;
import static io.opendms.engine.schema.TargetSchemasTest.table;

import io.opendms.spi.schema.IdentityCounter;
import io.opendms.spi.schema.IndexDefinition;
import io.opendms.spi.schema.SchemaSource;
import io.opendms.spi.schema.SourceSchema;
import io.opendms.spi.schema.StandaloneSequence;
import io.opendms.spi.source.SnapshotSession;
import io.opendms.spi.source.SourceConnector;
import io.opendms.spi.table.TableDefinition;
import io.opendms.spi.table.TableId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A hand-written source of a fixed schema: customers, and orders with a secondary index
 * {@code ix_customer}, a unique index {@code uq_total} and a foreign key {@code fk_customer} to
 * customers; the counter of orders.id at 42 unless {@link #counters} says otherwise. Reads no rows.
 */
final class FixedSource implements SourceConnector, SchemaSource {
  final List<IdentityCounter> counters = new ArrayList<>(List.of(
      new IdentityCounter(ORDERS, "id", 42)));
  final List<StandaloneSequence> sequences = new ArrayList<>();

  @Override
  public SourceSchema describeSchema(Predicate<TableId> wanted) {
    return schema(table(CUSTOMERS, List.of(), List.of()), table(ORDERS, List.of(
        new IndexDefinition("ix_customer", false, List.of("customer_id")),
        new IndexDefinition("uq_total", true, List.of("customer_id", "id"))),
        List.of(key("fk_customer", CUSTOMERS))));
  }

  @Override
  public List<IdentityCounter> identityCounters(Predicate<TableId> wanted) {
    return counters.stream().filter(c -> wanted.test(c.table())).toList();
  }

  @Override
  public List<StandaloneSequence> standaloneSequences(Set<String> schemas) {
    return sequences.stream().filter(s -> schemas.contains(s.name().schema())).toList();
  }

  @Override
  public List<TableDefinition> discover(Predicate<TableId> wanted) {
    throw new UnsupportedOperationException("planned already");
  }

  @Override
  public SnapshotSession openSnapshot() {
    throw new UnsupportedOperationException("nothing is read");
  }

  @Override
  public void close() {}
}
