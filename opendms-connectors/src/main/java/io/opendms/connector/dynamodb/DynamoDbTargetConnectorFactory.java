package io.opendms.connector.dynamodb;

import io.opendms.spi.endpoint.EndpointConfig;
import io.opendms.spi.target.TargetConnector;
import io.opendms.spi.target.TargetConnectorFactory;
import java.util.Set;

/** Opens Amazon DynamoDB targets (DMS engine name {@code dynamodb}). */
public final class DynamoDbTargetConnectorFactory implements TargetConnectorFactory {

  @Override
  public Set<String> engineNames() {
    return Set.of("dynamodb");
  }

  @Override
  public TargetConnector open(EndpointConfig endpoint) {
    return DynamoDbTargetConnector.open(DynamoDbSettings.of(endpoint));
  }
}
