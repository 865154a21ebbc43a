package io.opendms.connector.s3;

import io.opendms.spi.target.RowLoad;
import io.opendms.spi.target.TargetTable;
import java.util.function.IntSupplier;

/**
 * One partition of a table's full load as files {@code LOAD00000001...}, each uploaded while it
 * is written and completed when it reaches {@code MaxFileSize} and at {@link #commit()}. Files uploaded before a failure stay in
 * the bucket (S3 has no rollback); a reload with DROP_AND_CREATE or TRUNCATE_BEFORE_LOAD deletes
 * them first.
 */
final class S3RowLoad implements RowLoad {
  private final TargetTable table;
  private final S3Settings settings;
  private final S3Layout layout;
  private final TableFiles files;
  private final IntSupplier nextNumber;
  private final String loadTime;
  private TableFiles.OpenFile current;
  private long rows;

  S3RowLoad(TargetTable table, S3Settings settings, S3Layout layout, TableFiles files,
      IntSupplier nextNumber, String loadTime) {
    this.table = table;
    this.settings = settings;
    this.layout = layout;
    this.files = files;
    this.nextNumber = nextNumber;
    this.loadTime = loadTime;
  }

  @Override
  public void accept(Object[] values) {
    if (current == null) {
      current = files.open(table, layout.loadKey(table.id(), nextNumber.getAsInt()),
          settings.includeOpForFullLoad(), !settings.timestampColumn().isEmpty());
    }
    current.write(settings.includeOpForFullLoad() ? "I" : null, values,
        settings.timestampColumn().isEmpty() ? null : loadTime);
    if (current.bytes() >= settings.maxFileBytes()) {
      uploadCurrent();
    }
  }

  @Override
  public long commit() {
    if (current != null) {
      uploadCurrent();
    }
    return rows;
  }

  private void uploadCurrent() {
    TableFiles.OpenFile file = current;
    current = null;
    rows += file.rows();
    file.complete();
  }

  @Override
  public void close() {
    if (current != null) {
      current.discard();
      current = null;
    }
  }
}
