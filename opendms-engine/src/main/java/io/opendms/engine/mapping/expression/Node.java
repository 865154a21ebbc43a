package io.opendms.engine.mapping.expression;

import java.util.List;

/** A node of a parsed expression. Immutable; evaluation has no side effects but random(). */
sealed interface Node {

  Object evaluate(ExpressionScope scope);

  record Literal(Object value) implements Node {
    @Override
    public Object evaluate(ExpressionScope scope) {
      return value;
    }
  }

  record Variable(String name, int position) implements Node {
    @Override
    public Object evaluate(ExpressionScope scope) {
      try {
        return scope.variable(name);
      } catch (IllegalArgumentException e) {
        throw new ExpressionException(position, e.getMessage());
      }
    }
  }

  record Unary(String operator, Node operand, int position) implements Node {
    @Override
    public Object evaluate(ExpressionScope scope) {
      return Operators.unary(operator, operand.evaluate(scope), position);
    }
  }

  record Binary(String operator, Node left, Node right, int position) implements Node {
    @Override
    public Object evaluate(ExpressionScope scope) {
      return switch (operator) {
        case "AND" -> Operators.and(left, right, scope);
        case "OR" -> Operators.or(left, right, scope);
        default -> Operators.binary(operator, left.evaluate(scope), right.evaluate(scope), position);
      };
    }
  }

  record IsNull(Node operand, boolean negated) implements Node {
    @Override
    public Object evaluate(ExpressionScope scope) {
      return SqliteValues.truth((operand.evaluate(scope) == null) != negated);
    }
  }

  /** {@code a IS b}: equality in which NULL equals NULL. */
  record Is(Node left, Node right, boolean negated) implements Node {
    @Override
    public Object evaluate(ExpressionScope scope) {
      Object a = left.evaluate(scope);
      Object b = right.evaluate(scope);
      boolean same = a == null || b == null ? a == b : SqliteValues.compare(a, b) == 0;
      return SqliteValues.truth(same != negated);
    }
  }

  record Between(Node operand, Node low, Node high, boolean negated) implements Node {
    @Override
    public Object evaluate(ExpressionScope scope) {
      Object value = operand.evaluate(scope);
      Object inside = Operators.and(
          Operators.binary(">=", value, low.evaluate(scope), 0),
          Operators.binary("<=", value, high.evaluate(scope), 0));
      return negated ? Operators.not(inside) : inside;
    }
  }

  record In(Node operand, List<Node> values, boolean negated) implements Node {
    @Override
    public Object evaluate(ExpressionScope scope) {
      Object value = operand.evaluate(scope);
      if (value == null) {
        return null;
      }
      boolean sawNull = false;
      for (Node candidate : values) {
        Object other = candidate.evaluate(scope);
        if (other == null) {
          sawNull = true;
        } else if (SqliteValues.compare(value, other) == 0) {
          return SqliteValues.truth(!negated);
        }
      }
      return sawNull ? null : SqliteValues.truth(negated);
    }
  }

  record Like(Node operand, Node pattern, boolean negated) implements Node {
    @Override
    public Object evaluate(ExpressionScope scope) {
      Object value = operand.evaluate(scope);
      Object like = pattern.evaluate(scope);
      if (value == null || like == null) {
        return null;
      }
      boolean matches = Operators.like(SqliteValues.text(value), SqliteValues.text(like));
      return SqliteValues.truth(matches != negated);
    }
  }

  /** {@code CASE [base] WHEN w THEN t ... [ELSE e] END}. */
  record Case(Node base, List<Node> whens, List<Node> thens, Node otherwise) implements Node {
    @Override
    public Object evaluate(ExpressionScope scope) {
      Object subject = base == null ? null : base.evaluate(scope);
      for (int i = 0; i < whens.size(); i++) {
        Object when = whens.get(i).evaluate(scope);
        boolean hit = base == null
            ? SqliteValues.isTrue(when)
            : subject != null && when != null && SqliteValues.compare(subject, when) == 0;
        if (hit) {
          return thens.get(i).evaluate(scope);
        }
      }
      return otherwise == null ? null : otherwise.evaluate(scope);
    }
  }

  record Cast(Node operand, String type) implements Node {
    @Override
    public Object evaluate(ExpressionScope scope) {
      return SqliteValues.cast(operand.evaluate(scope), type);
    }
  }

  record Call(String name, List<Node> arguments, int position) implements Node {
    @Override
    public Object evaluate(ExpressionScope scope) {
      return Functions.call(this, scope);
    }
  }
}
