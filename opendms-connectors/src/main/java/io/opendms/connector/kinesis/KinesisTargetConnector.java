package io.opendms.connector.kinesis;

import io.opendms.spi.change.ApplyRequest;
import io.opendms.spi.change.ChangeDelivery;
import io.opendms.spi.change.DeliveryTargetConnector;
import io.opendms.spi.data.NativeFormat;
import io.opendms.spi.error.ErrorCode;
import io.opendms.spi.error.OpenDmsException;
import io.opendms.spi.stream.StreamEnvelope;
import io.opendms.spi.target.TablePreparation;
import io.opendms.spi.target.TargetSession;
import io.opendms.spi.target.TargetTable;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;

/**
 * A Kinesis endpoint during one task: one synchronous client (thread-safe) shared by the full
 * load's threads and the change delivery. The stream must exist, as in DMS; {@code
 * TargetTablePrepMode} has nothing to act on in a stream and is ignored.
 */
final class KinesisTargetConnector implements DeliveryTargetConnector {
  private final KinesisSettings settings;
  private final KinesisClient client;
  private final StreamEnvelope loadEnvelope;

  private KinesisTargetConnector(KinesisSettings settings, KinesisClient client) {
    this.settings = settings;
    this.client = client;
    this.loadEnvelope = new StreamEnvelope(settings.envelope(), Clock.systemUTC());
  }

  /** Connects and checks that the stream exists. */
  static KinesisTargetConnector open(KinesisSettings settings) {
    var builder = KinesisClient.builder().region(Region.of(settings.region()));
    if (!settings.endpoint().isEmpty()) {
      // Kinesis-compatible services (kinesalite, LocalStack) speak JSON, not the SDK's default
      // CBOR; the SDK reads only this property (AWS itself takes JSON too).
      System.setProperty("aws.cborEnabled", "false");
      builder.endpointOverride(URI.create(settings.endpoint()));
    }
    if (!settings.accessKeyId().isEmpty()) {
      builder.credentialsProvider(StaticCredentialsProvider.create(
          AwsBasicCredentials.create(settings.accessKeyId(), settings.secretAccessKey())));
    }
    KinesisClient client = builder.build();
    try {
      client.describeStreamSummary(r -> r.streamName(settings.stream()));
    } catch (ResourceNotFoundException e) {
      client.close();
      throw new OpenDmsException(ErrorCode.INVALID_PARAMETER, "KinesisSettings.StreamArn: stream "
          + settings.stream() + " does not exist at " + where(settings), e);
    } catch (SdkException e) {
      client.close();
      throw new OpenDmsException(ErrorCode.CONNECTION_FAILED, "cannot reach Kinesis at "
          + where(settings) + ": " + e.getMessage(), e);
    }
    return new KinesisTargetConnector(settings, client);
  }

  @Override
  public void prepare(TargetTable table, TablePreparation preparation) {}

  @Override
  public List<NativeFormat> importFormats(TargetTable table) {
    return List.of();
  }

  @Override
  public TargetSession openSession() {
    return openSession(0);
  }

  /** Full-load PutRecords calls of {@code rowsPerRequest} records (0: and at most 500). */
  @Override
  public TargetSession openSession(int rowsPerRequest) {
    return TargetSession.ofRowLoads("Kinesis", table -> new KinesisRowLoad(table, loadEnvelope,
        new KinesisBatches(client, settings.stream(), rowsPerRequest)));
  }

  @Override
  public void complete(TargetTable table, TablePreparation preparation) {}

  /**
   * Yes: each delivery sends its own PutRecords calls, in order for one key; records of different
   * keys from different deliveries interleave in a shard.
   */
  @Override
  public boolean deliversInParallel() {
    return true;
  }

  @Override
  public ChangeDelivery openDelivery(ApplyRequest request) {
    var envelope = new StreamEnvelope(
        settings.envelope().withBeforeImage(request.beforeImage()), Clock.systemUTC());
    return new KinesisDelivery(request.tables(), request.taskId(), envelope,
        new KinesisBatches(client, settings.stream()));
  }

  @Override
  public void close() {
    client.close();
  }

  private static String where(KinesisSettings settings) {
    return settings.endpoint().isEmpty() ? "AWS region " + settings.region() : settings.endpoint();
  }
}
