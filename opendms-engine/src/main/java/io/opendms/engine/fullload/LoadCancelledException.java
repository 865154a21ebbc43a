package io.opendms.engine.fullload;

/** Thrown inside a running load to abandon it when the full load is being stopped. */
final class LoadCancelledException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  LoadCancelledException() {
    super("full load stopped", null, false, false);
  }
}
