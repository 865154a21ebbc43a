package io.opendms.server;

import io.opendms.testkit.TestingPostgres;

/** A test server with a fresh source and target PostgreSQL database, closed together. */
final class ServerWithDatabases implements AutoCloseable {
  final TestServer server;
  final TestingPostgres source;
  final TestingPostgres target;

  private ServerWithDatabases(TestServer server, TestingPostgres source, TestingPostgres target) {
    this.server = server;
    this.source = source;
    this.target = target;
  }

  /** A signed (SigV4) server and databases named {@code <prefix>_src_...} and {@code <prefix>_tgt_...}. */
  static ServerWithDatabases start(String prefix) {
    return new ServerWithDatabases(TestServer.start(null, false), TestingPostgres.create(prefix + "_src"),
        TestingPostgres.create(prefix + "_tgt"));
  }

  /** Creates a PostgreSQL endpoint on one of the databases with the AWS CLI; returns its ARN. */
  String endpoint(String identifier, String type, TestingPostgres database) {
    return server.dms("create-endpoint", "--endpoint-identifier", identifier, "--endpoint-type", type,
        "--engine-name", "postgres", "--server-name", TestingPostgres.HOST, "--port",
        String.valueOf(TestingPostgres.PORT), "--database-name", database.database(), "--username",
        TestingPostgres.USER).json().at("/Endpoint/EndpointArn").asText();
  }

  String status(String taskArn) {
    return server.dms("describe-replication-tasks", "--without-settings", "--filters",
        "Name=replication-task-arn,Values=" + taskArn).json().at("/ReplicationTasks/0/Status").asText();
  }

  @Override
  public void close() {
    try {
      server.close();
    } finally {
      try {
        source.close();
      } finally {
        target.close();
      }
    }
  }
}
