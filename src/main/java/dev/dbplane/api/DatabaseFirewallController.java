package dev.dbplane.api;

import dev.dbplane.config.DbplaneProperties;
import dev.dbplane.firewall.FirewallKind;
import dev.dbplane.firewall.FirewallSpec;
import dev.dbplane.resource.ResourceServices;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.project_planton.provider.digitalocean.digitaloceandatabasefirewall.v1.DigitalOceanDatabaseFirewall;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Trusted sources of a cluster (DigitalOceanDatabaseFirewall), one per cluster. */
@RestController
@RequestMapping("/api/v1/database-firewalls")
@Tag(name = "database-firewalls")
class DatabaseFirewallController extends AttachedEndpoints<DigitalOceanDatabaseFirewall, FirewallSpec> {

  DatabaseFirewallController(ResourceServices services, FirewallKind kind, ManifestBodies bodies, DbplaneProperties properties) {
    super(services.of(kind), bodies, properties);
  }
}
