package com.verity.assistant;

import java.sql.ResultSet;
import java.sql.SQLException;

/** Nullable number columns, read as null rather than 0. */
final class Columns {

    private Columns() {}

    static Integer nullableInt(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

    static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }
}
