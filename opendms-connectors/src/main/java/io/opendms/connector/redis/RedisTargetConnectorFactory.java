package io.opendms.connector.redis;

import io.opendms.spi.endpoint.EndpointConfig;
import io.opendms.spi.target.TargetConnector;
import io.opendms.spi.target.TargetConnectorFactory;
import java.util.Set;

/** Opens Redis targets (DMS engine name {@code redis}). */
public final class RedisTargetConnectorFactory implements TargetConnectorFactory {

  @Override
  public Set<String> engineNames() {
    return Set.of("redis");
  }

  @Override
  public TargetConnector open(EndpointConfig endpoint) {
    return RedisTargetConnector.open(RedisSettings.of(endpoint));
  }
}
