package io.opendms.engine.schema;

import io.opendms.spi.data.NativeFormat;
import io.opendms.spi.error.ErrorCode;
import io.opendms.spi.error.OpenDmsException;
import io.opendms.spi.schema.ForeignKey;
import io.opendms.spi.schema.IdentityCounter;
import io.opendms.spi.schema.IndexDefinition;
import io.opendms.spi.schema.SchemaObjectTarget;
import io.opendms.spi.schema.SkippedObject;
import io.opendms.spi.schema.StandaloneSequence;
import io.opendms.spi.schema.TableSchema;
import io.opendms.spi.table.TableId;
import io.opendms.spi.target.TablePreparation;
import io.opendms.spi.target.TargetConnector;
import io.opendms.spi.target.TargetSession;
import io.opendms.spi.target.TargetTable;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * A hand-written target that records each call as a line ({@code "bare shop.orders"}, {@code
 * "with defaults shop.orders"}, {@code "indexes shop.orders [ix_a]"}, ...) and refuses to create
 * one table with its defaults when told to. Loads nothing.
 */
final class RecordingTarget implements TargetConnector, SchemaObjectTarget {
  final List<String> calls = new ArrayList<>();
  TableId refuseDefaultsOf;

  @Override
  public void prepare(TargetTable table, TablePreparation preparation) {
    calls.add("bare " + table.id());
  }

  @Override
  public List<SkippedObject> prepare(TableSchema table, TablePreparation preparation) {
    calls.add("with defaults " + table.table().id());
    if (table.table().id().equals(refuseDefaultsOf)) {
      throw new OpenDmsException(ErrorCode.TARGET_WRITE_FAILED, "no such function f()");
    }
    return List.of();
  }

  @Override
  public List<SkippedObject> createIndexes(TableSchema table) {
    calls.add("indexes " + table.table().id() + " "
        + table.indexes().stream().map(IndexDefinition::name).toList());
    return List.of();
  }

  @Override
  public List<SkippedObject> createForeignKeys(TableSchema table) {
    calls.add("foreign keys " + table.table().id() + " "
        + table.foreignKeys().stream().map(ForeignKey::name).toList());
    return List.of();
  }

  @Override
  public OptionalLong syncCounter(IdentityCounter counter) {
    calls.add("counter " + counter.table() + "." + counter.column() + " " + counter.nextValue());
    return OptionalLong.of(counter.nextValue());
  }

  @Override
  public OptionalLong syncSequence(StandaloneSequence sequence) {
    calls.add("sequence " + sequence.name() + " " + sequence.nextValue());
    return OptionalLong.of(sequence.nextValue());
  }

  @Override
  public List<NativeFormat> importFormats(TargetTable table) {
    return List.of();
  }

  @Override
  public TargetSession openSession() {
    throw new UnsupportedOperationException("nothing is loaded in these tests");
  }

  @Override
  public void complete(TargetTable table, TablePreparation preparation) {}

  @Override
  public void close() {}
}
