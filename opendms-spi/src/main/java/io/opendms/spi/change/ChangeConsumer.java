package io.opendms.spi.change;

/**
 * Receives a capture's events, one at a time, in stream order, on the capture's thread. It may
 * block (back-pressure: the capture reads nothing meanwhile). An exception it throws ends {@link
 * ChangeCapture#stream} with that exception.
 */
@FunctionalInterface
public interface ChangeConsumer {
  void accept(ChangeEvent event);
}
