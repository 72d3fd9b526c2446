package dev.dbplane.user;

import dev.dbplane.engine.Secret;
import dev.dbplane.engine.SpecType;
import dev.dbplane.engine.StackName;
import dev.dbplane.resource.AttachedKind;
import dev.dbplane.resource.ChangeVerdict;
import dev.dbplane.resource.ClusterFacts;
import dev.dbplane.resource.Findings;
import dev.dbplane.resource.KindIdentity;
import dev.dbplane.resource.OutputNames;
import dev.dbplane.resource.References;
import dev.dbplane.resource.Replacements;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.project_planton.provider.digitalocean.digitaloceandatabaseuser.v1.DigitalOceanDatabaseMysqlAuthPlugin;
import org.project_planton.provider.digitalocean.digitaloceandatabaseuser.v1.DigitalOceanDatabaseUser;
import org.project_planton.provider.digitalocean.digitaloceandatabaseuser.v1.DigitalOceanDatabaseUserStackInput;
import org.project_planton.shared.foreignkey.v1.StringValueOrRef;
import org.springframework.stereotype.Component;

/** A user of a managed cluster. */
@Component
public final class UserKind implements AttachedKind<DigitalOceanDatabaseUser, UserSpec> {

  /** The user's name, messages and outputs; its program exports exactly these outputs. */
  private static final KindIdentity<DigitalOceanDatabaseUser> IDENTITY = new KindIdentity<>(
      "DigitalOceanDatabaseUser", "user", DigitalOceanDatabaseUser.class, DigitalOceanDatabaseUserStackInput.class,
      new OutputNames(List.of("id", "name", "role", "password"), Set.of("password"), "id"));

  public static final String NAME = IDENTITY.name();
  public static final String NOUN = IDENTITY.noun();
  public static final OutputNames OUTPUTS = IDENTITY.outputs();

  @Override
  public KindIdentity<DigitalOceanDatabaseUser> identity() {
    return IDENTITY;
  }

  @Override
  public SpecType<UserSpec> specType() {
    return UserSpec.TYPE;
  }

  @Override
  public String resourceName(DigitalOceanDatabaseUser manifest) {
    return manifest.getSpec().getName();
  }

  @Override
  public void checkRules(DigitalOceanDatabaseUser manifest, Optional<Secret> requestToken, Findings findings) {
    if (manifest.getSpec().hasCluster()) {
      References.checkCluster(manifest.getSpec().getCluster(), clusterField(), findings);
    }
    UserRules.check(manifest.getSpec(), findings);
  }

  @Override
  public void advise(DigitalOceanDatabaseUser manifest, Optional<Secret> requestToken, Findings findings) {
    if (manifest.getSpec().getMysqlAuthPlugin() == DigitalOceanDatabaseMysqlAuthPlugin.mysql_native_password) {
      findings.advise("spec.mysql_auth_plugin", "dbplane.mysql_native_password_deprecated",
          "MySQL deprecated mysql_native_password in 8.0 and removed it in 9; use it only for clients that cannot do caching_sha2_password");
    }
  }

  @Override
  public UserSpec normalise(DigitalOceanDatabaseUser manifest, StackName stack) {
    return new UserSpec(
        References.literalClusterId(manifest.getSpec().getCluster()),
        manifest.getSpec().getName(),
        authPlugin(manifest.getSpec().getMysqlAuthPlugin()),
        stack);
  }

  /**
   * Changing the cluster or the name makes the provider replace the user (a new password, and the
   * grants given to the old one are gone); the authentication plugin changes in place.
   */
  @Override
  public ChangeVerdict judgeChange(UserSpec current, UserSpec next) {
    return new Replacements("dbplane.change.replaces_user", "the user: it gets a new password, and what was granted to it is lost")
        .ifChanged(clusterField(), current.clusterId(), next.clusterId())
        .ifChanged("spec.name", current.name(), next.name())
        .verdict();
  }

  @Override
  public StringValueOrRef clusterOf(DigitalOceanDatabaseUser manifest) {
    return manifest.getSpec().getCluster();
  }

  @Override
  public void checkAgainst(DigitalOceanDatabaseUser manifest, ClusterFacts cluster, List<UserSpec> others, Findings findings) {
    UserRules.checkAgainst(manifest.getSpec(), cluster, others, findings);
  }

  @Override
  public UserSpec bindCluster(UserSpec spec, String clusterId) {
    return new UserSpec(clusterId, spec.name(), spec.mysqlAuthPlugin(), spec.stack());
  }

  /** The model's values are MySQL's own names, which DigitalOcean takes. */
  private static @Nullable String authPlugin(DigitalOceanDatabaseMysqlAuthPlugin plugin) {
    return switch (plugin) {
      case mysql_native_password, caching_sha2_password -> plugin.name();
      default -> null;
    };
  }
}
