package io.opendms.connector.dynamodb;

import io.opendms.spi.change.ApplyRequest;
import io.opendms.spi.change.ChangeDelivery;
import io.opendms.spi.change.DeliveryTargetConnector;
import io.opendms.spi.data.NativeFormat;
import io.opendms.spi.target.TablePreparation;
import io.opendms.spi.target.TargetSession;
import io.opendms.spi.target.TargetTable;
import java.net.URI;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A DynamoDB endpoint during one task: one synchronous client (thread-safe) shared by the full
 * load's threads and the change delivery. Preparing a table creates it when missing ({@code
 * DO_NOTHING} too, since DynamoDB has no other way to take the items); {@code DROP_AND_CREATE}
 * deletes and recreates it, {@code TRUNCATE_BEFORE_LOAD} deletes its items, once per task: source
 * tables that object-mapping rules send to one DynamoDB table share it. DynamoDB cannot store
 * the applied position with the items, so the engine keeps it (at least once; puts and deletes
 * are idempotent, so a change sent twice leaves the same item).
 */
final class DynamoDbTargetConnector implements DeliveryTargetConnector {
  private static final Logger log = LoggerFactory.getLogger(DynamoDbTargetConnector.class);

  private final DynamoDbSettings settings;
  private final DynamoDbClient client;
  private final DynamoDbTables tables;
  /** DynamoDB tables this task prepared: a second source table mapped to one is not emptied. */
  private final java.util.Set<String> prepared =
      java.util.concurrent.ConcurrentHashMap.newKeySet();

  private DynamoDbTargetConnector(DynamoDbSettings settings, DynamoDbClient client) {
    this.settings = settings;
    this.client = client;
    this.tables = new DynamoDbTables(client, settings.where());
  }

  /** Connects and checks that the service answers (and takes the credentials). */
  static DynamoDbTargetConnector open(DynamoDbSettings settings) {
    var builder = DynamoDbClient.builder().region(Region.of(settings.region()));
    if (!settings.endpoint().isEmpty()) {
      builder.endpointOverride(URI.create(settings.endpoint()));
    }
    if (!settings.accessKeyId().isEmpty()) {
      builder.credentialsProvider(StaticCredentialsProvider.create(
          AwsBasicCredentials.create(settings.accessKeyId(), settings.secretAccessKey())));
    }
    DynamoDbClient client = builder.build();
    try {
      DynamoDbCalls.call("listing the tables of " + settings.where(),
          () -> client.listTables(r -> r.limit(1)));
    } catch (RuntimeException e) {
      client.close();
      throw e;
    }
    return new DynamoDbTargetConnector(settings, client);
  }

  @Override
  public void prepare(TargetTable table, TablePreparation preparation) {
    DynamoDbLayout layout = DynamoDbLayout.of(table);
    if (!prepared.add(layout.tableName())) {
      tables.ensure(layout);
      return;
    }
    switch (preparation.mode()) {
      case DROP_AND_CREATE -> tables.drop(layout.tableName());
      case TRUNCATE_BEFORE_LOAD -> {
        if (tables.describe(layout.tableName()).isPresent()) {
          long removed = tables.empty(layout, writer());
          log.info("deleted {} items of DynamoDB table {} before loading {}", removed,
              layout.tableName(), table.id());
        }
      }
      case DO_NOTHING -> { }
    }
    tables.ensure(layout);
  }

  @Override
  public List<NativeFormat> importFormats(TargetTable table) {
    return List.of();
  }

  @Override
  public TargetSession openSession() {
    return openSession(0);
  }

  /** Full-load BatchWriteItem calls of {@code rowsPerRequest} items (0: and at most 25). */
  @Override
  public TargetSession openSession(int rowsPerRequest) {
    return TargetSession.ofRowLoads("DynamoDB",
        table -> new DynamoDbRowLoad(DynamoDbLayout.of(table), writer(rowsPerRequest)));
  }

  @Override
  public void complete(TargetTable table, TablePreparation preparation) {}

  /**
   * Yes: each delivery sends its own BatchWriteItem calls; every write names one item, so writes of
   * different items commute.
   */
  @Override
  public boolean deliversInParallel() {
    return true;
  }

  @Override
  public ChangeDelivery openDelivery(ApplyRequest request) {
    List<DynamoDbLayout> layouts = request.tables().stream().map(DynamoDbLayout::of).toList();
    return new DynamoDbDelivery(layouts, tables, writer());
  }

  @Override
  public void close() {
    client.close();
  }

  private DynamoDbWriter writer() {
    return writer(0);
  }

  private DynamoDbWriter writer(int batchSize) {
    return new DynamoDbWriter(client, settings.where(), DynamoDbWriter.FIRST_PAUSE, batchSize);
  }
}
