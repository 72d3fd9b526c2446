package dev.dbplane.resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dbplane.cluster.ClusterKind;
import org.junit.jupiter.api.Test;
import org.project_planton.shared.CloudResourceMetadata;

/** The tags a resource carries at DigitalOcean, here a cluster's. */
class ResourceTagsTest {

  private static final String KIND_TAG = "kind:DigitalOceanDatabaseCluster";

  private static ResourceTags.Result tags(CloudResourceMetadata.Builder metadata) {
    return ResourceTags.of(metadata.build(), ClusterKind.NAME);
  }

  @Test
  void identityTagsComeFirstThenLabelsSortedByKeyThenMetadataTagsInOrder() {
    CloudResourceMetadata.Builder metadata =
        CloudResourceMetadata.newBuilder()
            .setName("orders-db")
            .setOrg("acme")
            .setEnv("prod")
            .setId("dodbc-123")
            .putLabels("zone", "a")
            .putLabels("team", "payments")
            .putLabels("app", "orders")
            .addTags("zz")
            .addTags("billing");

    assertThat(tags(metadata).tags())
        .containsExactly(
            "name:orders-db", "org:acme", "env:prod", "id:dodbc-123", KIND_TAG, "app:orders", "team:payments", "zone:a", "zz", "billing");
    assertThat(tags(metadata).rewritten()).isEmpty();
  }

  @Test
  void plantonStackLabelsAreWiringNotTags() {
    assertThat(tags(CloudResourceMetadata.newBuilder()
                .putLabels("pulumi.project-planton.org/stack.fqdn", "acme/databases/prod-orders")
                .putLabels("team", "payments"))
            .tags())
        .containsExactly(KIND_TAG, "team:payments");
  }

  @Test
  void blankIdentityFieldsGiveNoTag() {
    assertThat(tags(CloudResourceMetadata.newBuilder().setName("orders-db").setOrg(" ").setEnv("")).tags())
        .containsExactly("name:orders-db", KIND_TAG);
  }

  @Test
  void emptyMetadataStillTagsTheKind() {
    assertThat(tags(CloudResourceMetadata.newBuilder()).tags()).containsExactly(KIND_TAG);
  }

  @Test
  void labelWithEmptyValueBecomesTheKeyAlone() {
    assertThat(tags(CloudResourceMetadata.newBuilder().putLabels("pci", "").putLabels("team", "payments")).tags())
        .containsExactly(KIND_TAG, "pci", "team:payments");
  }

  @Test
  void duplicatesAreDroppedKeepingTheFirstPosition() {
    CloudResourceMetadata.Builder metadata =
        CloudResourceMetadata.newBuilder()
            .setName("orders-db")
            .putLabels("team", "payments")
            .addTags("billing")
            .addTags("team:payments")
            .addTags("name:orders-db")
            .addTags("billing");

    assertThat(tags(metadata).tags()).containsExactly("name:orders-db", KIND_TAG, "team:payments", "billing");
  }

  @Test
  void blankMetadataTagsAreSkipped() {
    assertThat(tags(CloudResourceMetadata.newBuilder().addTags("").addTags("  ").addTags("billing")).tags())
        .containsExactly(KIND_TAG, "billing");
  }

  @Test
  void disallowedCharactersBecomeHyphensAndTheOriginalsAreReported() {
    ResourceTags.Result result =
        tags(
            CloudResourceMetadata.newBuilder()
                .setName("Orders DB")
                .putLabels("app.kubernetes.io/name", "orders")
                .addTags("cost center=42")
                .addTags("ok_tag:1-2"));

    assertThat(result.tags())
        .containsExactly("name:Orders-DB", KIND_TAG, "app-kubernetes-io-name:orders", "cost-center-42", "ok_tag:1-2");
    assertThat(result.rewritten()).containsExactly("name:Orders DB", "app.kubernetes.io/name:orders", "cost center=42");
  }

  @Test
  void eachDisallowedCharacterBecomesItsOwnHyphen() {
    assertThat(tags(CloudResourceMetadata.newBuilder().addTags("a//b é")).tags()).containsExactly(KIND_TAG, "a--b--");
  }

  @Test
  void tagsThatOnlyDifferInDisallowedCharactersCollapseIntoOne() {
    ResourceTags.Result result = tags(CloudResourceMetadata.newBuilder().addTags("cost-center").addTags("cost center").addTags("cost.center"));

    assertThat(result.tags()).containsExactly(KIND_TAG, "cost-center");
    assertThat(result.rewritten()).containsExactly("cost center", "cost.center");
  }

  @Test
  void tagOf255CharactersIsKeptWhole() {
    String tag = "t".repeat(ResourceTags.MAX_TAG_LENGTH);

    ResourceTags.Result result = tags(CloudResourceMetadata.newBuilder().addTags(tag));

    assertThat(result.tags()).containsExactly(KIND_TAG, tag);
    assertThat(result.rewritten()).isEmpty();
  }

  @Test
  void longerTagIsCutTo255Characters() {
    String tag = "a".repeat(250) + "bcdefgh";

    ResourceTags.Result result = tags(CloudResourceMetadata.newBuilder().addTags(tag));

    assertThat(result.tags()).containsExactly(KIND_TAG, "a".repeat(250) + "bcdef");
    assertThat(result.tags().get(1)).hasSize(255);
    assertThat(result.rewritten()).containsExactly(tag);
  }

  @Test
  void longLabelValueIsCutTo255CharactersIncludingTheKey() {
    ResourceTags.Result result = tags(CloudResourceMetadata.newBuilder().putLabels("note", "x".repeat(300)));

    assertThat(result.tags()).containsExactly(KIND_TAG, "note:" + "x".repeat(250));
  }

  @Test
  void theKindIsTheOneGiven() {
    assertThat(ResourceTags.of(CloudResourceMetadata.getDefaultInstance(), "Other Kind").tags()).containsExactly("kind:Other-Kind");
  }

  @Test
  void resultListsAreUnmodifiable() {
    ResourceTags.Result result = tags(CloudResourceMetadata.newBuilder().addTags("a b"));

    assertThatThrownBy(() -> result.tags().add("x")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> result.rewritten().add("x"))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
