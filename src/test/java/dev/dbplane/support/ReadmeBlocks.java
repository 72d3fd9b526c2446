package dev.dbplane.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shell blocks of a Markdown file that are marked to be run: a line {@code <!-- readme-test: NAME -->}
 * right before a {@code ```bash} fence. A mark that does not name a block, or names one twice, is an
 * error rather than a block left out, so a typo cannot make a test pass by running less.
 */
public final class ReadmeBlocks {

  private static final String MARK_START = "<!-- readme-test";
  private static final Pattern MARK = Pattern.compile("<!-- readme-test: ([a-z0-9-]+) -->");
  private static final String FENCE = "```";

  /**
   * A marked block.
   *
   * @param line the line of its opening fence, counted from 1
   */
  public record Block(String name, int line, String script) {}

  private ReadmeBlocks() {}

  /** The marked blocks of the file, in order. */
  public static List<Block> in(Path markdown) throws IOException {
    List<String> lines = Files.readAllLines(markdown);
    List<Block> blocks = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < lines.size(); i++) {
      if (!lines.get(i).startsWith(MARK_START)) {
        continue;
      }
      Matcher mark = MARK.matcher(lines.get(i).strip());
      if (!mark.matches()) {
        throw new IllegalArgumentException(markdown + ":" + (i + 1) + ": a mark is written " + MARK.pattern() + ", not " + lines.get(i));
      }
      if (i + 1 >= lines.size() || !lines.get(i + 1).equals(FENCE + "bash")) {
        throw new IllegalArgumentException(markdown + ":" + (i + 1) + ": the mark " + mark.group(1) + " is not right before a " + FENCE + "bash block");
      }
      int end = lines.subList(i + 2, lines.size()).indexOf(FENCE);
      if (end < 0) {
        throw new IllegalArgumentException(markdown + ":" + (i + 2) + ": the block " + mark.group(1) + " is never closed");
      }
      if (!names.add(mark.group(1))) {
        throw new IllegalArgumentException(markdown + ":" + (i + 1) + ": a second block named " + mark.group(1));
      }
      blocks.add(new Block(mark.group(1), i + 2, String.join("\n", lines.subList(i + 2, i + 2 + end)) + "\n"));
      i += 2 + end;
    }
    return blocks;
  }
}
