package io.opendms.engine.cdc;

import io.opendms.engine.throughput.PayloadSize;
import io.opendms.spi.change.ChangeCapture;
import io.opendms.spi.change.Commit;
import io.opendms.spi.change.RowChange;
import io.opendms.spi.error.ErrorCode;
import io.opendms.spi.error.OpenDmsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link ChangeCapture#stream} on a thread of its own into a {@link ChangeBuffer}; a failure
 * is parked in the buffer, to be rethrown on the apply thread after the events before it.
 */
public final class CaptureThread implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(CaptureThread.class);

  private final ChangeCapture capture;
  private final Thread thread;

  public CaptureThread(ChangeCapture capture, ChangeBuffer buffer, CdcCounters counters) {
    this.capture = capture;
    this.thread = new Thread(() -> stream(capture, buffer, counters), "cdc-capture");
    thread.setDaemon(true);
  }

  public void start() {
    thread.start();
  }

  private static void stream(ChangeCapture capture, ChangeBuffer buffer, CdcCounters counters) {
    long[] rows = {0};
    long[] bytes = {0};
    try {
      capture.stream(event -> {
        if (event instanceof RowChange row) {
          rows[0]++;
          bytes[0] += PayloadSize.ofImages(row.before(), row.after());
        } else if (event instanceof Commit commit) {
          counters.captured(rows[0], bytes[0], commit);
          rows[0] = 0;
          bytes[0] = 0;
        }
        buffer.put(event);
      });
    } catch (OpenDmsException e) {
      buffer.fail(e);
    } catch (RuntimeException e) {
      log.debug("capture failed", e);
      buffer.fail(new OpenDmsException(ErrorCode.INTERNAL, "change capture failed: " + e, e));
    }
  }

  /** Stops the capture and waits for its thread. */
  @Override
  public void close() {
    capture.stop();
    try {
      thread.join(30_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
