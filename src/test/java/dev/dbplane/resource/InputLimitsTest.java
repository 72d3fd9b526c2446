package dev.dbplane.resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.dbplane.cluster.ClusterKind;
import dev.dbplane.engine.StackName;
import dev.dbplane.support.Manifests;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.project_planton.provider.digitalocean.digitaloceandatabasecluster.v1.DigitalOceanDatabaseCluster;
import org.project_planton.provider.digitalocean.digitaloceandatabasecluster.v1.DigitalOceanDatabaseClusterStackInput;
import org.project_planton.shared.CloudResourceMetadata;

/**
 * The bounds on names, labels, tags and the token, through the service's rules as a request meets
 * them: each refused input is reported once, under its field, with its rule; each input at a bound
 * passes.
 */
class InputLimitsTest {

  private static final String NUL = "\u0000";
  private static final String RIGHT_TO_LEFT_OVERRIDE = "\u202E";
  private static final String ZERO_WIDTH_SPACE = "\u200B";
  private static final String CYRILLIC_A = "\u0430";
  private static final String LONE_SURROGATE = "\uD800";

  private static List<Violation> violations(DigitalOceanDatabaseClusterStackInput input) {
    ResourceRequest<DigitalOceanDatabaseCluster> request = ResourceRequest.ofStackInput(input, DigitalOceanDatabaseCluster.class);
    Findings findings = new Findings(request.manifestPath());
    new RequestRules(false).check(request, ClusterKind.onSnapshot(Manifests.END_OF_LIFE_AS_OF), RequestRules.MissingToken.REFUSE, findings);
    return findings.violations();
  }

  private static DigitalOceanDatabaseClusterStackInput metadata(Consumer<CloudResourceMetadata.Builder> change) {
    return Manifests.stackInput(Manifests.withMetadata(change));
  }

  private static DigitalOceanDatabaseClusterStackInput token(String token) {
    DigitalOceanDatabaseClusterStackInput.Builder input = Manifests.stackInput(Manifests.valid().build()).toBuilder();
    input.getProviderConfigBuilder().setApiToken(token);
    return input.build();
  }

  private static Arguments refused(String what, DigitalOceanDatabaseClusterStackInput input, String field, String rule) {
    return Arguments.of(Named.of(what, input), field, rule);
  }

  static Stream<Arguments> refusedInputs() {
    return Stream.of(
        refused("name of 600 characters", metadata(m -> m.setName("a".repeat(600))), "target.metadata.name", InputLimits.LENGTH),
        refused("name of 200 characters", metadata(m -> m.setName("a".repeat(200))), "target.metadata.name", InputLimits.LENGTH),
        refused("name of 64 characters", metadata(m -> m.setName("a".repeat(64))), "target.metadata.name", InputLimits.LENGTH),
        refused("org of 64 characters", metadata(m -> m.setOrg("a".repeat(64))), "target.metadata.org", InputLimits.LENGTH),
        refused("env of 37 characters", metadata(m -> m.setEnv("a".repeat(37))), "target.metadata.env", InputLimits.LENGTH),
        refused("id of 64 characters", metadata(m -> m.setId("a".repeat(64))), "target.metadata.id", InputLimits.LENGTH),
        refused("token with NUL", token("dop_v1_ab" + NUL + "cd"), "provider_config.api_token", InputLimits.TOKEN_FORMAT),
        refused("token with a newline", token("dop_v1_abcd\n"), "provider_config.api_token", InputLimits.TOKEN_FORMAT),
        refused("token with a space", token("dop_v1_ab cd"), "provider_config.api_token", InputLimits.TOKEN_FORMAT),
        refused("token with a non-ASCII letter", token("dop_v1_ab" + CYRILLIC_A), "provider_config.api_token", InputLimits.TOKEN_FORMAT),
        refused("token of 3.9 KB", token("d".repeat(3_900)), "provider_config.api_token", InputLimits.LENGTH),
        refused("token of 257 characters", token("d".repeat(257)), "provider_config.api_token", InputLimits.LENGTH),
        refused("10,000 labels", metadata(m -> IntStream.range(0, 10_000).forEach(i -> m.putLabels("k" + i, "v"))),
            "target.metadata.labels", InputLimits.COUNT),
        refused("65 labels", metadata(m -> IntStream.range(0, 65).forEach(i -> m.putLabels("k" + i, "v"))),
            "target.metadata.labels", InputLimits.COUNT),
        refused("65 tags", metadata(m -> IntStream.range(0, 65).forEach(i -> m.addTags("t" + i))), "target.metadata.tags", InputLimits.COUNT),
        refused("label key of 128 characters", metadata(m -> m.putLabels("k".repeat(128), "v")),
            "target.metadata.labels[\"" + "k".repeat(127) + "...\"]", InputLimits.LENGTH),
        refused("label value of 128 characters", metadata(m -> m.putLabels("team", "v".repeat(128))),
            "target.metadata.labels[\"team\"]", InputLimits.LENGTH),
        refused("tag of 256 characters", metadata(m -> m.addTags("ok").addTags("t".repeat(256))), "target.metadata.tags[1]", InputLimits.LENGTH),
        refused("stack.name label of 101 characters", metadata(m -> stackLabels(m, "s".repeat(101))),
            "target.metadata.labels[\"" + StackNames.STACK_LABEL + "\"]", "dbplane.stack_label.format"),
        refused("stack.fqdn label with a stack of 101 characters", metadata(m -> m.putLabels(StackNames.FQDN_LABEL, "acme/db/" + "s".repeat(101))),
            "target.metadata.labels[\"" + StackNames.FQDN_LABEL + "\"]", "dbplane.stack_fqdn.format"),
        refused("NUL in name", metadata(m -> m.setName("orders" + NUL + "db")), "target.metadata.name", InputLimits.INVISIBLE),
        refused("U+202E in name", metadata(m -> m.setName("orders" + RIGHT_TO_LEFT_OVERRIDE + "bd")), "target.metadata.name", InputLimits.INVISIBLE),
        refused("U+200B in name", metadata(m -> m.setName("orders" + ZERO_WIDTH_SPACE + "db")), "target.metadata.name", InputLimits.INVISIBLE),
        refused("newline in env", metadata(m -> m.setEnv("prod\n")), "target.metadata.env", InputLimits.INVISIBLE),
        refused("U+202E in a tag", metadata(m -> m.addTags(RIGHT_TO_LEFT_OVERRIDE + "x")), "target.metadata.tags[0]", InputLimits.INVISIBLE),
        refused("U+200B in a label value", metadata(m -> m.putLabels("team", "a" + ZERO_WIDTH_SPACE)),
            "target.metadata.labels[\"team\"]", InputLimits.INVISIBLE),
        refused("Cyrillic 'а' in a Latin name", metadata(m -> m.setName("orders-" + CYRILLIC_A + "pi")), "target.metadata.name", InputLimits.MIXED_SCRIPTS),
        refused("Greek omicron in a Latin org", metadata(m -> m.setOrg("ac\u03BFme")), "target.metadata.org", InputLimits.MIXED_SCRIPTS),
        refused("Cyrillic 'а' in a Latin label key", metadata(m -> m.putLabels("te" + CYRILLIC_A + "m", "x")),
            "target.metadata.labels[\"te" + CYRILLIC_A + "m\"]", InputLimits.MIXED_SCRIPTS),
        refused("lone surrogate in name", metadata(m -> m.setName("orders" + LONE_SURROGATE)), "target.metadata.name", InputLimits.INVISIBLE),
        refused("lone surrogate in org", metadata(m -> m.setOrg("acme" + LONE_SURROGATE)), "target.metadata.org", InputLimits.INVISIBLE),
        refused("lone surrogate in env", metadata(m -> m.setEnv(LONE_SURROGATE + "prod")), "target.metadata.env", InputLimits.INVISIBLE),
        refused("lone surrogate in a label key", metadata(m -> m.putLabels("team" + LONE_SURROGATE, "x")),
            "target.metadata.labels[\"team\\uD800\"]", InputLimits.INVISIBLE),
        refused("lone surrogate in a label value", metadata(m -> m.putLabels("team", "x" + LONE_SURROGATE)),
            "target.metadata.labels[\"team\"]", InputLimits.INVISIBLE),
        refused("unassigned code point in name", metadata(m -> m.setName("orders\u0378")), "target.metadata.name", InputLimits.INVISIBLE));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusedInputs")
  void refusedInputIsReportedOnceUnderItsField(DigitalOceanDatabaseClusterStackInput input, String field, String rule) {
    assertThat(violations(input)).extracting(Violation::field, Violation::rule).containsExactly(tuple(field, rule));
  }

  static Stream<Arguments> acceptedInputs() {
    return Stream.of(
        Arguments.of(Named.of("name of 63 and env of 36 characters", metadata(m -> m.setName("n".repeat(63)).setEnv("e".repeat(36))))),
        Arguments.of(Named.of("org and id of 63 characters", metadata(m -> m.setOrg("o".repeat(63)).setId("i".repeat(63))))),
        Arguments.of(Named.of("64 labels and 64 tags", metadata(m -> IntStream.range(0, 64).forEach(i -> m.putLabels("k" + i, "v").addTags("t" + i))))),
        Arguments.of(Named.of("label key and value of 127 characters", metadata(m -> m.putLabels("k".repeat(127), "v".repeat(127))))),
        Arguments.of(Named.of("tag of 255 characters", metadata(m -> m.addTags("t".repeat(255))))),
        Arguments.of(Named.of("stack.name label of 100 characters", metadata(m -> stackLabels(m, "s".repeat(100))))),
        Arguments.of(Named.of("stack.fqdn label of three parts of 100 characters", metadata(m -> m.putLabels(StackNames.FQDN_LABEL,
            "o".repeat(100) + "/" + "p".repeat(100) + "/" + "s".repeat(100))))),
        Arguments.of(Named.of("token of 256 printable characters", token("dop_v1_" + "!~".repeat(124) + "a"))),
        Arguments.of(Named.of("DigitalOcean's token form", token("dop_v1_" + "0123456789abcdef".repeat(4)))),
        Arguments.of(Named.of("spaces and punctuation, rewritten into tags", metadata(m -> m.setName("orders db").putLabels("app.kubernetes.io/name", "orders")))),
        Arguments.of(Named.of("a name in Cyrillic alone", metadata(m -> m.setName("\u0437\u0430\u043a\u0430\u0437\u044b")))),
        Arguments.of(Named.of("Latin with Han and Katakana, as Japanese writes", metadata(m -> m.setName("db-\u6771\u4eac-\u30c6\u30b9\u30c8")))),
        Arguments.of(Named.of("a combining accent", metadata(m -> m.setName("cafe\u0301")))),
        Arguments.of(Named.of("an emoji (a surrogate pair)", metadata(m -> m.addTags("\uD83D\uDE80")))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("acceptedInputs")
  void inputAtItsBoundPasses(DigitalOceanDatabaseClusterStackInput input) {
    assertThat(violations(input)).isEmpty();
  }

  @Test
  void longestNameAndEnvMakeAStackNameOfPulumisLongest() {
    CloudResourceMetadata metadata =
        CloudResourceMetadata.newBuilder().setName("n".repeat(InputLimits.MAX_NAME)).setEnv("e".repeat(InputLimits.MAX_ENV)).build();

    StackName stack = StackNames.of(metadata, "orders-db");

    assertThat(stack.stack()).hasSize(InputLimits.MAX_STACK_PART);
  }

  @Test
  void longestLabelMakesOneUncutTag() {
    CloudResourceMetadata metadata =
        CloudResourceMetadata.newBuilder().putLabels("k".repeat(InputLimits.MAX_LABEL_KEY), "v".repeat(InputLimits.MAX_LABEL_VALUE)).build();

    ResourceTags.Result tags = ResourceTags.of(metadata, "kind");

    assertThat(tags.rewritten()).isEmpty();
    assertThat(tags.tags()).contains("k".repeat(InputLimits.MAX_LABEL_KEY) + ":" + "v".repeat(InputLimits.MAX_LABEL_VALUE));
  }

  @Test
  void messagesNameTheCharacterAndItsPositionButNeverEchoTheToken() {
    String secret = "dop_v1_secret" + NUL;

    assertThat(violations(token(secret)))
        .singleElement()
        .satisfies(v -> assertThat(v.message()).contains("U+0000").contains("position 14").doesNotContain("secret"));
    assertThat(violations(metadata(m -> m.setName("orders" + RIGHT_TO_LEFT_OVERRIDE))))
        .singleElement()
        .satisfies(v -> assertThat(v.message()).contains("U+202E at position 7").doesNotContain(RIGHT_TO_LEFT_OVERRIDE));
    assertThat(violations(metadata(m -> m.setName("orders-" + CYRILLIC_A))))
        .singleElement()
        .satisfies(v -> assertThat(v.message()).contains("Latin and Cyrillic"));
  }

  private static void stackLabels(CloudResourceMetadata.Builder metadata, String stack) {
    metadata
        .putLabels(StackNames.ORGANIZATION_LABEL, "acme")
        .putLabels(StackNames.PROJECT_LABEL, "databases")
        .putLabels(StackNames.STACK_LABEL, stack);
  }
}
