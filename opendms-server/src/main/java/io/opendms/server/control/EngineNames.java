package io.opendms.server.control;

import io.opendms.engine.connector.ConnectorRegistry;
import io.opendms.spi.error.OpenDmsException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * DMS's engine names with their display names. An endpoint may name any of them (DMS accepts
 * it); whether this build can use it as a source or target is the connector registry's answer.
 */
final class EngineNames {
  static final Map<String, String> DISPLAY_NAMES = displayNames();

  private EngineNames() {}

  static boolean isKnown(String engine) {
    return DISPLAY_NAMES.containsKey(engine);
  }

  static boolean supportsSource(ConnectorRegistry connectors, String engine) {
    try {
      connectors.source(engine);
      return true;
    } catch (OpenDmsException e) {
      return false;
    }
  }

  static boolean supportsTarget(ConnectorRegistry connectors, String engine) {
    try {
      connectors.target(engine);
      return true;
    } catch (OpenDmsException e) {
      return false;
    }
  }

  /** DescribeEndpointTypes' SupportsCDC: whether this build streams changes for the role. */
  static boolean supportsCdc(ConnectorRegistry connectors, String engine, String role) {
    try {
      return role.equals("source") ? connectors.source(engine).capturesChanges()
          : connectors.target(engine).appliesChanges();
    } catch (OpenDmsException e) {
      return false;
    }
  }

  private static Map<String, String> displayNames() {
    var names = new LinkedHashMap<String, String>();
    names.put("postgres", "PostgreSQL");
    names.put("aurora-postgresql", "Amazon Aurora PostgreSQL");
    names.put("aurora-postgresql-serverless", "Amazon Aurora PostgreSQL Serverless");
    names.put("mysql", "MySQL");
    names.put("mariadb", "MariaDB");
    names.put("aurora", "Amazon Aurora MySQL");
    names.put("aurora-serverless", "Amazon Aurora MySQL Serverless");
    names.put("gcp-mysql", "Google Cloud SQL for MySQL");
    names.put("oracle", "Oracle");
    names.put("sqlserver", "Microsoft SQL Server");
    names.put("azuredb", "Azure SQL Database");
    names.put("azure-sql-managed-instance", "Azure SQL Managed Instance");
    names.put("babelfish", "Babelfish for Aurora PostgreSQL");
    names.put("sybase", "SAP Sybase ASE");
    names.put("db2", "IBM Db2 LUW");
    names.put("db2-zos", "IBM Db2 for z/OS");
    names.put("redshift", "Amazon Redshift");
    names.put("redshift-serverless", "Amazon Redshift Serverless");
    names.put("s3", "Amazon S3");
    names.put("dynamodb", "Amazon DynamoDB");
    names.put("mongodb", "MongoDB");
    names.put("docdb", "Amazon DocumentDB");
    names.put("documentdb", "Amazon DocumentDB");
    names.put("kinesis", "Amazon Kinesis");
    names.put("kafka", "Kafka");
    names.put("elasticsearch", "Elasticsearch");
    names.put("opensearch", "Amazon OpenSearch Service");
    names.put("neptune", "Amazon Neptune");
    names.put("redis", "Redis");
    names.put("dms-transfer", "DMS Transfer");
    names.put("timestream", "Amazon Timestream");
    return Map.copyOf(names);
  }
}
