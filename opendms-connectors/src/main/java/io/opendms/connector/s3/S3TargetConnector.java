package io.opendms.connector.s3;

import io.opendms.spi.change.ApplyRequest;
import io.opendms.spi.change.ChangeDelivery;
import io.opendms.spi.change.DeliveryTargetConnector;
import io.opendms.spi.data.NativeFormat;
import io.opendms.spi.endpoint.EndpointConfig;
import io.opendms.spi.error.ErrorCode;
import io.opendms.spi.error.OpenDmsException;
import io.opendms.spi.table.TableId;
import io.opendms.spi.target.PrepMode;
import io.opendms.spi.target.TablePreparation;
import io.opendms.spi.target.TargetSession;
import io.opendms.spi.target.TargetTable;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An S3 endpoint during one task. {@link #prepare} deletes a table's files for DROP_AND_CREATE
 * and TRUNCATE_BEFORE_LOAD and otherwise numbers new full-load files after the existing ones.
 * Data files are uploaded while they are written, in parts on a few upload threads.
 */
final class S3TargetConnector implements DeliveryTargetConnector {
  /** Part uploads of all files at once: two per file in flight (S3Upload), a few files. */
  private static final int UPLOAD_THREADS = 4;

  private final S3Settings settings;
  private final S3Store store;
  private final S3Layout layout;
  private final TableFiles files;
  private final Map<TableId, AtomicInteger> loadNumbers = new ConcurrentHashMap<>();

  private final ExecutorService uploads;

  private S3TargetConnector(S3Settings settings, S3Store store) {
    this.settings = settings;
    this.store = store;
    this.layout = new S3Layout(settings);
    AtomicInteger threads = new AtomicInteger();
    this.uploads = Executors.newFixedThreadPool(UPLOAD_THREADS, task -> {
      Thread thread = new Thread(task, "s3-upload-" + threads.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
    Future<?> warmUp = settings.parquet()
        ? uploads.submit(() -> ParquetFileWriter.warmUp(settings))
        : CompletableFuture.completedFuture(null);
    this.files = new TableFiles(settings, store, uploads, warmUp);
  }

  static S3TargetConnector open(EndpointConfig endpoint, S3Settings settings) {
    return new S3TargetConnector(settings, S3Store.open(endpoint, settings));
  }

  @Override
  public void prepare(TargetTable table, TablePreparation preparation) {
    String prefix = layout.tablePrefix(table.id());
    if (preparation.mode() != PrepMode.DO_NOTHING) {
      store.deleteAll(prefix);
      loadNumbers.put(table.id(), new AtomicInteger());
    } else {
      int highest = store.list(prefix).stream().mapToInt(S3Layout::loadNumber).max().orElse(0);
      loadNumbers.put(table.id(), new AtomicInteger(highest));
    }
  }

  @Override
  public List<NativeFormat> importFormats(TargetTable table) {
    return List.of();
  }

  @Override
  public TargetSession openSession() {
    String loadTime = CsvFileWriter.timestamp(LocalDateTime.now(ZoneOffset.UTC));
    return TargetSession.ofRowLoads("S3", table -> {
      AtomicInteger numbers = loadNumbers.computeIfAbsent(table.id(), t -> new AtomicInteger());
      return new S3RowLoad(table, settings, layout, files, numbers::incrementAndGet, loadTime);
    });
  }

  @Override
  public void complete(TargetTable table, TablePreparation preparation) {}

  @Override
  public ChangeDelivery openDelivery(ApplyRequest request) {
    return new S3Delivery(request.tables(), settings, layout, store, files, Clock.systemUTC());
  }

  /** DMS's {@code CdcMaxBatchInterval}: changes gather this long before a CDC file is written. */
  @Override
  public Duration minimumFlushInterval() {
    return settings.cdcMaxBatchInterval();
  }

  @Override
  public void close() {
    uploads.shutdownNow();
    store.close();
  }
}
