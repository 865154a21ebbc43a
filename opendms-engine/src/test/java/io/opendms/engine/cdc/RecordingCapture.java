package io.opendms.engine.cdc;

import io.opendms.spi.change.ChangeCapture;
import io.opendms.spi.change.ChangeConsumer;
import io.opendms.spi.position.PgLsn;
import io.opendms.spi.position.SourcePosition;
import io.opendms.spi.source.SnapshotSession;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** Records acknowledgements; never streams. */
final class RecordingCapture implements ChangeCapture {
  final List<SourcePosition> acknowledged = new ArrayList<>();

  @Override
  public SourcePosition startPosition() {
    return new PgLsn(0);
  }

  @Override
  public Optional<SnapshotSession> takeSnapshot() {
    return Optional.empty();
  }

  @Override
  public void stream(ChangeConsumer consumer) {}

  @Override
  public void acknowledge(SourcePosition position) {
    acknowledged.add(position);
  }

  @Override
  public OptionalLong retainedBytes() {
    return OptionalLong.empty();
  }

  @Override
  public void stop() {}

  @Override
  public void close() {}
}
