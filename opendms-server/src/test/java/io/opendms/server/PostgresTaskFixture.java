package io.opendms.server;

import io.opendms.testkit.TestingPostgres;

/**
 * A server with one replication instance and a PostgreSQL source and target endpoint on fresh
 * databases, for task integration tests; closing it stops the server and drops the databases.
 */
final class PostgresTaskFixture implements AutoCloseable {
  final TestServer server;
  final DmsCalls calls;
  final TestingPostgres source;
  final TestingPostgres target;
  final String instanceArn;
  final String sourceArn;
  final String targetArn;

  /** Names the databases, instance and endpoints after {@code name}; runs {@code sourceSql}. */
  PostgresTaskFixture(String name, String... sourceSql) {
    server = TestServer.start(null, false);
    calls = new DmsCalls(server);
    source = TestingPostgres.create(name + "_src");
    target = TestingPostgres.create(name + "_tgt");
    source.execute(sourceSql);
    instanceArn = calls.instance(name);
    sourceArn = calls.postgresEndpoint(name + "-src", "source", source.database());
    targetArn = calls.postgresEndpoint(name + "-tgt", "target", target.database());
  }

  /** A task on the fixture's instance and endpoints; {@code settings} may be null. */
  String task(String identifier, String migrationType, String mappings, String settings) {
    return calls.task(identifier, migrationType, instanceArn, sourceArn, targetArn, mappings, settings);
  }

  @Override
  public void close() {
    server.close();
    source.close();
    target.close();
  }
}
