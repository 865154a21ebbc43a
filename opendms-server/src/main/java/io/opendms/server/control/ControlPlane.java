package io.opendms.server.control;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** The control services of one server, wired together; closing it stops the tasks. */
public final class ControlPlane implements AutoCloseable {
  private final InstanceService instances;
  private final CertificateService certificates;
  private final EndpointService endpoints;
  private final ConnectionService connections;
  private final TaskService tasks;
  private final CatalogService catalog;
  private final AssessmentService assessments;
  private final TaskRunner runner;
  private final ExecutorService background;

  public ControlPlane(ServerContext context) {
    Events events = new Events(context.store(), context.clock());
    this.background = Executors.newFixedThreadPool(2, runnable -> {
      Thread thread = new Thread(runnable, "opendms-connection-test");
      thread.setDaemon(true);
      return thread;
    });
    this.instances = new InstanceService(context, events);
    this.certificates = new CertificateService(context);
    this.endpoints = new EndpointService(context, certificates);
    this.connections = new ConnectionService(context, endpoints, instances, background);
    TaskRecords records = new TaskRecords(context.store());
    this.runner = new TaskRunner(context, records, events);
    this.tasks = new TaskService(context, endpoints, instances, records, runner, events);
    this.catalog = new CatalogService(context);
    this.assessments = new AssessmentService(context, tasks, background);
  }

  public InstanceService instances() {
    return instances;
  }

  public EndpointService endpoints() {
    return endpoints;
  }

  public CertificateService certificates() {
    return certificates;
  }

  public ConnectionService connections() {
    return connections;
  }

  public TaskService tasks() {
    return tasks;
  }

  public AssessmentService assessments() {
    return assessments;
  }

  public CatalogService catalog() {
    return catalog;
  }

  @Override
  public void close() {
    runner.shutdown(Duration.ofSeconds(30));
    background.shutdownNow();
    try {
      background.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
