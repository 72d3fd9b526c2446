package dev.dbplane.support;

import java.util.HashMap;
import java.util.Map;

/**
 * The API keys of the tests. The build configures them (by hash) for every test JVM; processes the
 * tests start get them through {@link #PROPERTIES}.
 */
public final class TestKeys {

  public static final String HEADER = "X-API-Key";
  public static final String ADMIN = "dbp_test-admin_admin-secret-for-tests-only";
  public static final String OPERATOR = "dbp_test-operator_operator-secret-for-tests-only";
  public static final String VIEWER = "dbp_test-viewer_viewer-secret-for-tests-only";
  public static final String SECRETS_READER = "dbp_test-reader_reader-secret-for-tests-only";

  /** The configuration of the keys above, for a service process. */
  public static final Map<String, String> PROPERTIES = properties();

  private TestKeys() {}

  private static Map<String, String> properties() {
    Map<String, String> properties = new HashMap<>();
    String[][] keys = {
      {"test-admin", "admin", "9a7894b987182354b682a72896b51ae8d28e1da9602fd1030b902ba35925a3bf"},
      {"test-operator", "operator", "f2cf7c25fa49cbb441a7b0d0ab6b04659134359fe54a3350913d912445c27ad6"},
      {"test-viewer", "viewer", "c72b890ac7a4b775bdaba00192384430547d7a443b6281ad84fd473e09cc0c85"},
      {"test-reader", "secrets-reader", "1f402f4de1f7fad784f613c794a1882a5079e0405ae9e7fe7d48713bb348e021"}
    };
    for (int i = 0; i < keys.length; i++) {
      String prefix = "dbplane.security.api-keys[" + i + "].";
      properties.put(prefix + "id", keys[i][0]);
      properties.put(prefix + "name", "tests (" + keys[i][1] + ")");
      properties.put(prefix + "roles", keys[i][1]);
      properties.put(prefix + "sha256", keys[i][2]);
    }
    return Map.copyOf(properties);
  }
}
