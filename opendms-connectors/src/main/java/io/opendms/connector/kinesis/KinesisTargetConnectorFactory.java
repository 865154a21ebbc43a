package io.opendms.connector.kinesis;

import io.opendms.spi.endpoint.EndpointConfig;
import io.opendms.spi.target.TargetConnector;
import io.opendms.spi.target.TargetConnectorFactory;
import java.util.Set;

/** Opens Kinesis Data Streams targets (DMS engine name {@code kinesis}). */
public final class KinesisTargetConnectorFactory implements TargetConnectorFactory {

  @Override
  public Set<String> engineNames() {
    return Set.of("kinesis");
  }

  @Override
  public TargetConnector open(EndpointConfig endpoint) {
    return KinesisTargetConnector.open(KinesisSettings.of(endpoint));
  }
}
