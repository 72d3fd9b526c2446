package dev.dbplane.resource;

import java.lang.Character.UnicodeScript;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;
import org.project_planton.shared.CloudResourceMetadata;

/**
 * Bounds on the free-form text of a request: lengths, counts and characters of the metadata that
 * becomes DigitalOcean tags, the Pulumi stack name and database columns, and of the token. Whatever
 * passes can be stored and provisioned, so a long or odd input is refused here and never becomes a
 * 500 or a failed job; and no name can hide characters or pass for another. Lengths count code
 * points.
 */
final class InputLimits {

  static final String LENGTH = "dbplane.length";
  static final String COUNT = "dbplane.count";
  static final String INVISIBLE = "dbplane.characters.invisible";
  static final String MIXED_SCRIPTS = "dbplane.characters.mixed_scripts";
  static final String TOKEN_FORMAT = "dbplane.provider_config.token_format";

  /** Pulumi's limit for stack and project names; every part of a stack name is held to it. */
  static final int MAX_STACK_PART = 100;
  /**
   * DigitalOcean's own bound on the names of what it manages; the name usually equals the
   * resource's name at DigitalOcean, which stands in for it in the stack when it is blank.
   */
  static final int MAX_NAME = 63;
  /** So that the derived stack {@code <env>.<name>} stays within Pulumi's limit. */
  static final int MAX_ENV = MAX_STACK_PART - 1 - MAX_NAME;
  static final int MAX_ORG = 63;
  static final int MAX_ID = 63;
  /** So that {@code key:value} fits one DigitalOcean tag. */
  static final int MAX_LABEL_KEY = (ResourceTags.MAX_TAG_LENGTH - 1) / 2;
  static final int MAX_LABEL_VALUE = MAX_LABEL_KEY;
  static final int MAX_LABELS = 64;
  static final int MAX_TAGS = 64;
  /** A DigitalOcean token is {@code dop_v1_} and 64 hex digits; the bound leaves room for other forms. */
  static final int MAX_TOKEN = 256;

  private static final Set<Integer> INVISIBLE_TYPES =
      Set.of(
          (int) Character.CONTROL,
          (int) Character.FORMAT,
          (int) Character.UNASSIGNED,
          (int) Character.SURROGATE,
          (int) Character.PRIVATE_USE,
          (int) Character.LINE_SEPARATOR,
          (int) Character.PARAGRAPH_SEPARATOR);

  /**
   * The mixes of scripts that one language writes with (Unicode's "highly restrictive" level, UTS
   * #39); any other mix, Latin with Cyrillic or Greek for one, lets a name look like another.
   */
  private static final List<Set<UnicodeScript>> SCRIPT_MIXES_IN_USE =
      List.of(
          EnumSet.of(UnicodeScript.LATIN, UnicodeScript.HAN, UnicodeScript.HIRAGANA, UnicodeScript.KATAKANA),
          EnumSet.of(UnicodeScript.LATIN, UnicodeScript.HAN, UnicodeScript.BOPOMOFO),
          EnumSet.of(UnicodeScript.LATIN, UnicodeScript.HAN, UnicodeScript.HANGUL));

  private static final Set<String> STACK_LABELS =
      Set.of(StackNames.ORGANIZATION_LABEL, StackNames.PROJECT_LABEL, StackNames.STACK_LABEL);

  private InputLimits() {}

  static void checkMetadata(CloudResourceMetadata metadata, Findings findings) {
    checkText("metadata.name", metadata.getName(), MAX_NAME, "", findings);
    checkText("metadata.org", metadata.getOrg(), MAX_ORG, "", findings);
    checkText("metadata.env", metadata.getEnv(), MAX_ENV, "", findings);
    checkText("metadata.id", metadata.getId(), MAX_ID, "", findings);
    checkLabels(metadata.getLabelsMap(), findings);
    checkTags(metadata.getTagsList(), findings);
  }

  /** A token that is not blank (a blank one is refused as such). The token is never echoed. */
  static void checkToken(String token, Findings findings) {
    String field = "provider_config.api_token";
    if (token.length() > MAX_TOKEN) {
      findings.requestViolation(field, LENGTH, "must be at most " + MAX_TOKEN + " characters; it has " + token.length());
    }
    token.chars()
        .filter(c -> c <= ' ' || c > '~')
        .findFirst()
        .ifPresent(
            c ->
                findings.requestViolation(
                    field,
                    TOKEN_FORMAT,
                    "must be printable ASCII without spaces (a DigitalOcean token is dop_v1_ and 64 hex digits); "
                        + "it holds " + (c == ' ' ? "a space" : "the character " + codePoint(c)) + " at position "
                        + (token.indexOf(c) + 1)));
  }

  private static void checkLabels(Map<String, String> labels, Findings findings) {
    if (labels.size() > MAX_LABELS) {
      findings.violation("metadata.labels", COUNT, "at most " + MAX_LABELS + " labels; there are " + labels.size());
      return;
    }
    labels.forEach(
        (key, value) -> {
          String field = "metadata.labels[\"" + shown(key, MAX_LABEL_KEY) + "\"]";
          checkText(field, key, MAX_LABEL_KEY, "the key ", findings);
          checkLabelValue(field, key, value, findings);
        });
  }

  private static void checkLabelValue(String field, String key, String value, Findings findings) {
    // The stack labels' values (characters and lengths of each part) are the stack name rules' to judge.
    if (!key.equals(StackNames.FQDN_LABEL) && !STACK_LABELS.contains(key)) {
      checkText(field, value, MAX_LABEL_VALUE, "the value ", findings);
    }
  }

  private static void checkTags(List<String> tags, Findings findings) {
    if (tags.size() > MAX_TAGS) {
      findings.violation("metadata.tags", COUNT, "at most " + MAX_TAGS + " tags; there are " + tags.size());
      return;
    }
    for (int i = 0; i < tags.size(); i++) {
      checkText("metadata.tags[" + i + "]", tags.get(i), ResourceTags.MAX_TAG_LENGTH, "", findings);
    }
  }

  /**
   * Length, invisible characters and mixed scripts of one text, reported under the field as the
   * caller wrote it.
   *
   * @param subject what the message names before its verb: "" for the field itself, "the key "
   */
  private static void checkText(String field, String text, int maxLength, String subject, Findings findings) {
    int length = length(text);
    if (length > maxLength) {
      findings.violation(field, LENGTH, subject + "must be at most " + maxLength + " characters; it has " + length);
    }
    firstInvisible(text)
        .ifPresent(
            at ->
                findings.violation(
                    field,
                    INVISIBLE,
                    subject + "must not hold control, formatting or invisible characters (such as NUL, line breaks, "
                        + "bidirectional overrides, zero-width spaces), unassigned code points or unpaired surrogates; "
                        + "it holds " + codePoint(text.codePointAt(at)) + " at position " + (text.codePointCount(0, at) + 1)));
    Set<UnicodeScript> scripts = scripts(text);
    if (mixesScripts(scripts)) {
      findings.violation(
          field,
          MIXED_SCRIPTS,
          subject + "mixes the scripts " + names(scripts)
              + ", which lets one name pass for another (a Cyrillic 'а' looks like a Latin 'a'); write it in one script");
    }
  }

  /** The index of the first invisible character, if any. */
  private static OptionalInt firstInvisible(String text) {
    for (int at = 0; at < text.length(); at += Character.charCount(text.codePointAt(at))) {
      if (isInvisible(text.codePointAt(at))) {
        return OptionalInt.of(at);
      }
    }
    return OptionalInt.empty();
  }

  private static boolean isInvisible(int codePoint) {
    return INVISIBLE_TYPES.contains(Character.getType(codePoint));
  }

  private static Set<UnicodeScript> scripts(String text) {
    Set<UnicodeScript> scripts = EnumSet.noneOf(UnicodeScript.class);
    text.codePoints()
        .mapToObj(UnicodeScript::of)
        // Digits, punctuation and combining marks belong to every script; unknown ones are refused as unassigned.
        .filter(script -> script != UnicodeScript.COMMON && script != UnicodeScript.INHERITED && script != UnicodeScript.UNKNOWN)
        .forEach(scripts::add);
    return scripts;
  }

  private static boolean mixesScripts(Set<UnicodeScript> scripts) {
    return scripts.size() > 1 && SCRIPT_MIXES_IN_USE.stream().noneMatch(mix -> mix.containsAll(scripts));
  }

  private static String names(Set<UnicodeScript> scripts) {
    return scripts.stream().map(InputLimits::name).collect(Collectors.joining(" and "));
  }

  private static String name(UnicodeScript script) {
    String name = script.name().toLowerCase(Locale.ROOT);
    return Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }

  /** The text as it can safely appear in a field path: invisible characters escaped, cut at its bound. */
  private static String shown(String text, int maxLength) {
    StringBuilder shown = new StringBuilder();
    text.codePoints()
        .limit(maxLength)
        .forEach(
            c -> {
              if (isInvisible(c)) {
                for (char unit : Character.toChars(c)) {
                  shown.append(String.format(Locale.ROOT, "\\u%04X", (int) unit));
                }
              } else {
                shown.appendCodePoint(c);
              }
            });
    return length(text) > maxLength ? shown + "..." : shown.toString();
  }

  private static int length(String text) {
    return text.codePointCount(0, text.length());
  }

  private static String codePoint(int codePoint) {
    return String.format(Locale.ROOT, "U+%04X", codePoint);
  }
}
