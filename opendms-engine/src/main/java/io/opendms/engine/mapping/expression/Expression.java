package io.opendms.engine.mapping.expression;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A parsed DMS expression (SQLite syntax). Immutable and thread-safe.
 *
 * <p>{@code $name} reads a source column of the row, or a header variable ({@code
 * $AR_H_OPERATION}, {@code $AR_H_TIMESTAMP}, ...) or metadata variable ({@code
 * $AR_M_SOURCE_TABLE_NAME}, ...), as the {@link ExpressionScope} provides them.
 */
public final class Expression {
  private final String text;
  private final Node root;

  private Expression(String text, Node root) {
    this.text = text;
    this.root = root;
  }

  /**
   * Parses the text.
   *
   * @throws ExpressionException naming the position of the first problem: a syntax error, an
   *     unknown function or a wrong number of arguments
   */
  public static Expression parse(String text) {
    return new Expression(text, Parser.parse(text));
  }

  /**
   * Evaluates the expression for one row; returns a SQLite value ({@code null}, Long, Double,
   * String or byte[]).
   *
   * @throws ExpressionException when a {@code $name} is unknown to the scope
   */
  public Object evaluate(ExpressionScope scope) {
    return root.evaluate(scope);
  }

  /** The names after {@code $}, in order of first use. */
  public Set<String> variables() {
    var names = new LinkedHashSet<String>();
    collect(root, names);
    return names;
  }

  /** Whether the expression calls the function (lower-case name), e.g. operation_indicator. */
  public boolean calls(String function) {
    return calls(root, function);
  }

  private static boolean calls(Node node, String function) {
    if (node instanceof Node.Call call && call.name().equals(function)) {
      return true;
    }
    return children(node).stream().anyMatch(child -> child != node && calls(child, function));
  }

  public String text() {
    return text;
  }

  @Override
  public String toString() {
    return text;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Expression that && text.equals(that.text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  private static void collect(Node node, Set<String> names) {
    for (Node child : children(node)) {
      if (child instanceof Node.Variable variable) {
        names.add(variable.name());
      } else {
        collect(child, names);
      }
    }
  }

  private static List<Node> children(Node node) {
    var out = new ArrayList<Node>();
    if (node instanceof Node.Variable) {
      out.add(node);
    } else if (node instanceof Node.Unary u) {
      out.add(u.operand());
    } else if (node instanceof Node.Binary b) {
      out.addAll(List.of(b.left(), b.right()));
    } else if (node instanceof Node.IsNull n) {
      out.add(n.operand());
    } else if (node instanceof Node.Is i) {
      out.addAll(List.of(i.left(), i.right()));
    } else if (node instanceof Node.Between b) {
      out.addAll(List.of(b.operand(), b.low(), b.high()));
    } else if (node instanceof Node.In i) {
      out.add(i.operand());
      out.addAll(i.values());
    } else if (node instanceof Node.Like l) {
      out.addAll(List.of(l.operand(), l.pattern()));
    } else if (node instanceof Node.Case c) {
      if (c.base() != null) {
        out.add(c.base());
      }
      out.addAll(c.whens());
      out.addAll(c.thens());
      if (c.otherwise() != null) {
        out.add(c.otherwise());
      }
    } else if (node instanceof Node.Cast c) {
      out.add(c.operand());
    } else if (node instanceof Node.Call c) {
      out.addAll(c.arguments());
    }
    return out;
  }
}
