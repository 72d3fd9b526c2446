package dev.dbplane.api;

import dev.dbplane.cluster.ClusterKind;
import dev.dbplane.cluster.ClusterSpec;
import dev.dbplane.resource.ResourceService;
import dev.dbplane.resource.ResourceServices;
import dev.dbplane.security.Requesters;
import dev.dbplane.security.RequiresRole;
import dev.dbplane.security.Role;
import dev.dbplane.webhook.Delivery;
import dev.dbplane.webhook.IssuedWebhook;
import dev.dbplane.webhook.Webhook;
import dev.dbplane.webhook.WebhookService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.project_planton.provider.digitalocean.digitaloceandatabasecluster.v1.DigitalOceanDatabaseCluster;

/** Callbacks of a cluster: every state change of its jobs, POSTed as a signed JSON event. */
@RestController
@RequestMapping("/api/v1/database-clusters/{id}/webhooks")
@Tag(name = "webhooks")
class WebhookController {

  record NewWebhook(String url) {}

  /** A callback just registered: its secret is shown this once. */
  record RegisteredWebhook(UUID id, String url, String secret) {}

  private final WebhookService webhooks;
  private final ResourceService<DigitalOceanDatabaseCluster, ClusterSpec> clusters;

  WebhookController(WebhookService webhooks, ResourceServices services, ClusterKind clusterKind) {
    this.webhooks = webhooks;
    this.clusters = services.of(clusterKind);
  }

  @Operation(
      operationId = "registerWebhook",
      summary = "Register a callback",
      description = "Each state change of the cluster's jobs is POSTed to the URL as JSON, signed: header Dbplane-Signature "
          + "t=<unix seconds>,v1=<hex HMAC-SHA256 of \"<t>.<body>\" with the secret>. Retried with back-off. URLs of this "
          + "machine, link-local addresses and metadata services are refused. The secret is in this answer only.")
  @RequiresRole(Role.OPERATOR)
  @PostMapping
  ResponseEntity<RegisteredWebhook> register(@PathVariable("id") UUID clusterId, @RequestBody NewWebhook request, HttpServletRequest http) {
    clusters.get(clusterId);
    if (request.url() == null || request.url().isBlank()) {
      throw new InvalidParameterException("url", "must not be blank");
    }
    IssuedWebhook issued = webhooks.register(clusterId, request.url().trim(), Requesters.of(http));
    return ResponseEntity.created(URI.create("/api/v1/database-clusters/" + clusterId + "/webhooks/" + issued.webhook().id()))
        .body(new RegisteredWebhook(issued.webhook().id(), issued.webhook().url(), issued.secret()));
  }

  @Operation(operationId = "listWebhooks", summary = "List a cluster's callbacks", description = "Never their secrets.")
  @RequiresRole(Role.VIEWER)
  @GetMapping
  List<Webhook> list(@PathVariable("id") UUID clusterId) {
    clusters.get(clusterId);
    return webhooks.forCluster(clusterId);
  }

  @Operation(operationId = "listWebhookDeliveries", summary = "A callback's latest deliveries", description = "Status PENDING, DELIVERED or FAILED, with the last answer.")
  @RequiresRole(Role.VIEWER)
  @GetMapping("/{webhookId}/deliveries")
  List<Delivery> deliveries(@PathVariable("id") UUID clusterId, @PathVariable UUID webhookId) {
    return webhooks.deliveries(clusterId, webhookId);
  }

  @Operation(operationId = "removeWebhook", summary = "Remove a callback")
  @RequiresRole(Role.OPERATOR)
  @DeleteMapping("/{webhookId}")
  ResponseEntity<Void> remove(@PathVariable("id") UUID clusterId, @PathVariable UUID webhookId, HttpServletRequest http) {
    if (!webhooks.remove(clusterId, webhookId, Requesters.of(http))) {
      throw new InvalidParameterException("webhookId", "no callback " + webhookId + " on this cluster");
    }
    return ResponseEntity.noContent().build();
  }
}
