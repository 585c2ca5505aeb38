package io.ethbus.crawl;

import java.util.Objects;

/** One column of a dataset: its name, how it is stored and what it holds. */
public record Column(String name, ColumnType type, String description) {
    public Column {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }
}
