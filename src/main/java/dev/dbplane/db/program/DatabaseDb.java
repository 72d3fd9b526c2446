package dev.dbplane.db.program;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;

/**
 * A database inside a DigitalOcean managed database cluster
 * ({@code digitalocean:index/databaseDb:DatabaseDb}). Changing its cluster or its name replaces it.
 * The provider's id is {@code <cluster id>/database/<name>}.
 */
final class DatabaseDb extends CustomResource {

  static final String TYPE = "digitalocean:index/databaseDb:DatabaseDb";

  @Export(name = "name", refs = {String.class}, tree = "[0]")
  private Output<String> name;

  DatabaseDb(String name, DatabaseDbArgs args, CustomResourceOptions options) {
    super(TYPE, name, args, options);
  }

  Output<String> name() {
    return name;
  }
}
