package io.opendms.connector.s3;

import io.opendms.spi.endpoint.EndpointConfig;
import io.opendms.spi.target.TargetConnector;
import io.opendms.spi.target.TargetConnectorFactory;
import java.util.Set;

/** Opens S3 targets (DMS engine name {@code s3}). */
public final class S3TargetConnectorFactory implements TargetConnectorFactory {

  @Override
  public Set<String> engineNames() {
    return Set.of("s3");
  }

  @Override
  public TargetConnector open(EndpointConfig endpoint) {
    return S3TargetConnector.open(endpoint, S3Settings.of(endpoint));
  }
}
