package io.opendms.server.api;

import io.opendms.server.control.ControlPlane;
import java.util.LinkedHashMap;
import java.util.Map;

/** The DMS operations this server answers, by their {@code X-Amz-Target} name. */
public final class DmsOperations {
  private DmsOperations() {}

  public static Map<String, Operation> of(ControlPlane control) {
    var ops = new LinkedHashMap<String, Operation>();
    var instances = control.instances();
    ops.put("CreateReplicationInstance", instances::create);
    ops.put("DescribeReplicationInstances", instances::describe);
    ops.put("ModifyReplicationInstance", instances::modify);
    ops.put("RebootReplicationInstance", instances::reboot);
    ops.put("DeleteReplicationInstance", r -> instances.delete(r, control.tasks()));
    var endpoints = control.endpoints();
    ops.put("CreateEndpoint", endpoints::create);
    ops.put("DescribeEndpoints", endpoints::describe);
    ops.put("ModifyEndpoint", r -> endpoints.modify(r, control.tasks()));
    ops.put("DeleteEndpoint", r -> endpoints.delete(r, control.tasks()));
    var certificates = control.certificates();
    ops.put("ImportCertificate", certificates::importCertificate);
    ops.put("DescribeCertificates", certificates::describe);
    ops.put("DeleteCertificate", certificates::delete);
    var connections = control.connections();
    ops.put("TestConnection", connections::testConnection);
    ops.put("DescribeConnections", connections::describeConnections);
    ops.put("RefreshSchemas", connections::refreshSchemas);
    ops.put("DescribeRefreshSchemasStatus", connections::describeRefreshSchemasStatus);
    ops.put("DescribeSchemas", connections::describeSchemas);
    var tasks = control.tasks();
    ops.put("CreateReplicationTask", tasks::create);
    ops.put("DescribeReplicationTasks", tasks::describe);
    ops.put("ModifyReplicationTask", tasks::modify);
    ops.put("DeleteReplicationTask", tasks::delete);
    ops.put("StartReplicationTask", tasks::start);
    ops.put("StopReplicationTask", tasks::stop);
    ops.put("DescribeTableStatistics", tasks::describeTableStatistics);
    ops.put("ReloadTables", tasks::reloadTables);
    var assessments = control.assessments();
    ops.put("StartReplicationTaskAssessmentRun", assessments::startRun);
    ops.put("StartReplicationTaskAssessment", assessments::startLegacy);
    ops.put("DescribeReplicationTaskAssessmentRuns", assessments::describeRuns);
    ops.put("DescribeReplicationTaskIndividualAssessments", assessments::describeIndividual);
    ops.put("DescribeReplicationTaskAssessmentResults", assessments::describeResults);
    ops.put("CancelReplicationTaskAssessmentRun", assessments::cancelRun);
    ops.put("DeleteReplicationTaskAssessmentRun", assessments::deleteRun);
    var catalog = control.catalog();
    ops.put("DescribeEndpointTypes", catalog::describeEndpointTypes);
    ops.put("DescribeAccountAttributes", catalog::describeAccountAttributes);
    ops.put("DescribeEvents", catalog::describeEvents);
    ops.put("AddTagsToResource", catalog::addTags);
    ops.put("RemoveTagsFromResource", catalog::removeTags);
    ops.put("ListTagsForResource", catalog::listTags);
    return ops;
  }
}
