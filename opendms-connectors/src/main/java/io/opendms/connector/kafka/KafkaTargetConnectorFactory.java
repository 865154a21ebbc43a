package io.opendms.connector.kafka;

import io.opendms.spi.endpoint.EndpointConfig;
import io.opendms.spi.target.TargetConnector;
import io.opendms.spi.target.TargetConnectorFactory;
import java.util.Set;

/** Opens Kafka targets (DMS engine name {@code kafka}). */
public final class KafkaTargetConnectorFactory implements TargetConnectorFactory {

  @Override
  public Set<String> engineNames() {
    return Set.of("kafka");
  }

  @Override
  public TargetConnector open(EndpointConfig endpoint) {
    return KafkaTargetConnector.open(endpoint, KafkaSettings.of(endpoint));
  }
}
