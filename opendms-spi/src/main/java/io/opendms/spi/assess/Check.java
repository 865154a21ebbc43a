package io.opendms.spi.assess;

/** One check's body: a query or two and a verdict. */
@FunctionalInterface
public interface Check {

  /** Runs the check; anything thrown becomes an {@code ERROR} result (see {@link #guarded}). */
  CheckResult run() throws Exception;

  /**
   * Runs the check, reporting a failure of the check itself (a query that fails, a connection
   * lost) as an {@code ERROR} result named {@code name} instead of throwing: one broken check
   * must not hide the others.
   */
  static CheckResult guarded(String name, Check check) {
    try {
      return check.run();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return CheckResult.error(name, "interrupted");
    } catch (Exception e) {
      return CheckResult.error(name, String.valueOf(e.getMessage()));
    }
  }
}
