package dev.dbplane.support;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Searches the service's database for secrets, as an attacker with a dump of it would. */
public final class DatabaseRows {

  private DatabaseRows() {}

  /** Each table.column of the public schema that holds any of the markers, once per row holding one. */
  public static List<String> holding(Connection db, List<String> markers) throws Exception {
    List<String> found = new ArrayList<>();
    List<String> tables = new ArrayList<>();
    try (Statement s = db.createStatement();
        ResultSet rs = s.executeQuery("select table_name from information_schema.tables where table_schema = 'public'")) {
      while (rs.next()) {
        tables.add(rs.getString(1));
      }
    }
    for (String table : tables) {
      try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("select * from \"" + table + "\"")) {
        int columns = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          for (int c = 1; c <= columns; c++) {
            Object value = rs.getObject(c);
            String text = value instanceof byte[] bytes ? new String(bytes, StandardCharsets.ISO_8859_1) : String.valueOf(value);
            String column = rs.getMetaData().getColumnName(c);
            markers.stream().filter(text::contains).forEach(m -> found.add(table + "." + column));
          }
        }
      }
    }
    return found;
  }
}
