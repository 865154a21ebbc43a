package io.opendms.connector.opensearch;

import io.opendms.spi.change.ApplyRequest;
import io.opendms.spi.change.ChangeDelivery;
import io.opendms.spi.change.DeliveryTargetConnector;
import io.opendms.spi.data.NativeFormat;
import io.opendms.spi.error.ErrorCode;
import io.opendms.spi.error.OpenDmsException;
import io.opendms.spi.table.TableId;
import io.opendms.spi.target.TablePreparation;
import io.opendms.spi.target.TargetSession;
import io.opendms.spi.target.TargetTable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An OpenSearch (or Elasticsearch 7+) endpoint during one task: one HTTP client (thread-safe)
 * shared by the full load's threads and the change delivery, each with bulk requests of its own.
 * Changes are delivered, not applied: the cluster acknowledges the writes and the engine keeps
 * the position (at least once; every write is an idempotent write of a document by its id).
 */
final class OpenSearchTargetConnector implements DeliveryTargetConnector {
  private final OpenSearchSettings settings;
  private final OpenSearchClient client;
  private final OpenSearchDocuments documents = new OpenSearchDocuments();
  private final OpenSearchIndexes indexes;
  /** Which table each index was prepared for: two tables must not share one. */
  private final Map<String, TableId> indexOwners = new ConcurrentHashMap<>();
  private final Map<TableId, FullLoadErrors> loadErrors = new ConcurrentHashMap<>();

  private OpenSearchTargetConnector(OpenSearchSettings settings, OpenSearchClient client) {
    this.settings = settings;
    this.client = client;
    this.indexes = new OpenSearchIndexes(client);
  }

  /** Checks that the cluster answers (and takes the credentials) before any data moves. */
  static OpenSearchTargetConnector open(OpenSearchSettings settings) {
    OpenSearchClient client = new OpenSearchClient(settings);
    client.probe();
    return new OpenSearchTargetConnector(settings, client);
  }

  @Override
  public void prepare(TargetTable table, TablePreparation preparation) {
    documents.requireKey(table);
    String index = OpenSearchDocuments.index(table);
    TableId owner = indexOwners.putIfAbsent(index, table.id());
    if (owner != null && !owner.equals(table.id())) {
      throw new OpenDmsException(ErrorCode.INVALID_PARAMETER, "tables " + owner + " and "
          + table.id() + " would both be OpenSearch index " + index
          + "; rename one with a transformation rule");
    }
    indexes.prepare(table, index, preparation.mode());
    loadErrors.put(table.id(), new FullLoadErrors(table.id().toString(),
        settings.fullLoadErrorPercentage()));
  }

  @Override
  public List<NativeFormat> importFormats(TargetTable table) {
    return List.of();
  }

  @Override
  public TargetSession openSession() {
    return openSession(0);
  }

  /** Full-load {@code _bulk} requests of {@code rowsPerRequest} documents (0: 5,000). */
  @Override
  public TargetSession openSession(int rowsPerRequest) {
    return TargetSession.ofRowLoads("OpenSearch", table -> new OpenSearchRowLoad(table, documents,
        new OpenSearchBulk(client, rowsPerRequest), loadErrors.computeIfAbsent(table.id(),
            id -> new FullLoadErrors(id.toString(), settings.fullLoadErrorPercentage()))));
  }

  @Override
  public void complete(TargetTable table, TablePreparation preparation) {}

  /**
   * Yes: each delivery sends its own bulk requests; every write names one document, so writes of
   * different documents commute.
   */
  @Override
  public boolean deliversInParallel() {
    return true;
  }

  @Override
  public ChangeDelivery openDelivery(ApplyRequest request) {
    request.tables().forEach(documents::requireKey);
    return new OpenSearchDelivery(request.tables(), documents, indexes, new OpenSearchBulk(client));
  }

  @Override
  public void close() {
    client.close();
  }
}
