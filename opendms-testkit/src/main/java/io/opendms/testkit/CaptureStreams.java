package io.opendms.testkit;

import io.opendms.spi.change.ChangeCapture;
import io.opendms.spi.change.ChangeEvent;
import io.opendms.spi.change.Commit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/** Runs a change capture in a test the way the engine's capture thread does. */
public final class CaptureStreams {

  private CaptureStreams() {}

  /**
   * Streams on another thread until {@code commits} transactions arrived (or 20 seconds passed),
   * then stops the capture and returns every event; a failure of the stream fails the test.
   */
  public static List<ChangeEvent> streamUntil(ChangeCapture capture, int commits) throws Exception {
    var events = new CopyOnWriteArrayList<ChangeEvent>();
    var failure = new AtomicReference<Throwable>();
    Thread thread = new Thread(() -> {
      try {
        capture.stream(events::add);
      } catch (Throwable e) {
        failure.set(e);
      }
    });
    thread.start();
    long deadline = System.currentTimeMillis() + 20_000;
    while (events.stream().filter(Commit.class::isInstance).count() < commits
        && System.currentTimeMillis() < deadline && failure.get() == null) {
      Thread.sleep(20);
    }
    capture.stop();
    thread.join(10_000);
    if (failure.get() != null) {
      throw new AssertionError(failure.get());
    }
    return events;
  }
}
