package io.opendms.engine.mapping.expression;

/**
 * An expression that does not parse or cannot be evaluated. The message names the 1-based
 * character position in the expression text where the problem is.
 */
public final class ExpressionException extends RuntimeException {
  private final int position;

  ExpressionException(int position, String message) {
    super("at position " + position + ": " + message);
    this.position = position;
  }

  /** 1-based character position in the expression text. */
  public int position() {
    return position;
  }
}
