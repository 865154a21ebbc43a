package io.opendms.connector.postgres;

/**
 * One row of {@code pg_type}: what the type mapping needs to know about a type.
 *
 * @param oid the type's OID
 * @param name {@code typname}
 * @param schema the name of the type's schema
 * @param kind {@code typtype}: b base, c composite, d domain, e enum, p pseudo, r range, m
 *     multirange
 * @param category {@code typcategory}: A for arrays
 * @param elementOid {@code typelem}: the element type of an array, 0 otherwise
 * @param baseOid {@code typbasetype}: the type a domain is over, 0 otherwise
 * @param baseTypmod {@code typtypmod}: the modifier a domain applies to its base type
 * @param arrayOid {@code typarray}: the array type over this type, 0 when there is none
 */
record PgType(
    long oid,
    String name,
    String schema,
    char kind,
    char category,
    long elementOid,
    long baseOid,
    int baseTypmod,
    long arrayOid) {

  boolean isDomain() {
    return kind == 'd';
  }

  boolean isEnum() {
    return kind == 'e';
  }

  boolean isArray() {
    return category == 'A' && elementOid != 0;
  }
}
