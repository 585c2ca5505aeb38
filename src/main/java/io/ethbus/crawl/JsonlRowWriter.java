package io.ethbus.crawl;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import io.ethbus.rpc.JsonRpcCodec;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** One JSON object per line, keys in column order; nulls are written as JSON null. */
final class JsonlRowWriter implements RowWriter {
    /** Column names encoded once, not for every row. */
    private final SerializedString[] names;
    private final JsonGenerator json;

    JsonlRowWriter(Path file, List<Column> columns) throws IOException {
        this.names = columns.stream().map(c -> new SerializedString(c.name())).toArray(SerializedString[]::new);
        this.json = JsonRpcCodec.mapper().getFactory()
                .createGenerator(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16), JsonEncoding.UTF8);
        // the root separator goes between top-level values: one object per line
        this.json.setPrettyPrinter(new MinimalPrettyPrinter("\n"));
    }

    @Override
    public void write(Row row) throws IOException {
        json.writeStartObject();
        for (int i = 0; i < names.length; i++) {
            json.writeFieldName(names[i]);
            Object v = row.get(i);
            if (v == null) {
                json.writeNull();
            } else if (v instanceof String text) {
                json.writeString(text);
            } else if (v instanceof Long l) {
                json.writeNumber(l);
            } else if (v instanceof Boolean b) {
                json.writeBoolean(b);
            } else {
                json.writeString(v.toString());
            }
        }
        json.writeEndObject();
    }

    @Override
    public void close() throws IOException {
        json.writeRaw('\n');
        json.close();
    }
}
