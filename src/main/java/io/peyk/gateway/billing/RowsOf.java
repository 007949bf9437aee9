package io.peyk.gateway.billing;

import java.util.ArrayList;
import java.util.List;

import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;

/** A row set as a list (row sets can be walked once). */
final class RowsOf {

    private RowsOf() {
    }

    static List<Row> list(RowSet<Row> rows) {
        List<Row> out = new ArrayList<>(rows.size());
        rows.forEach(out::add);
        return out;
    }
}
