package io.ethbus.crawl;

import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Parquet through Apache parquet-java, written straight to a local file (no Hadoop file
 * system). Every column is optional; HEX, DECIMAL, STRING and JSON columns are UTF-8 strings.
 */
final class ParquetRowWriter implements RowWriter {
    /**
     * Row groups are buffered in memory until full: kept small so that several chunk files
     * open at once (four datasets each) stay within a small heap; smaller still in a small heap.
     */
    static final long ROW_GROUP_BYTES = Math.max(1L << 20, Math.min(8L << 20, Runtime.getRuntime().maxMemory() / 64));
    private static final int PAGE_BYTES = 1 << 20;

    private final SimpleGroupFactory groups;
    private final ParquetWriter<Group> writer;

    ParquetRowWriter(Path file, List<Column> columns) throws IOException {
        MessageType schema = schema("ethbus", columns);
        this.groups = new SimpleGroupFactory(schema);
        this.writer = ExampleParquetWriter.builder(new LocalOutputFile(file))
                .withConf(new PlainParquetConfiguration())
                .withType(schema)
                .withCompressionCodec(CompressionCodecName.SNAPPY)
                .withRowGroupSize(ROW_GROUP_BYTES)
                .withPageSize(PAGE_BYTES)
                // parquet-java measures its buffers only every 100 rows by default: 100 transactions of 2 MB of
                // calldata each were 200 MB in memory before the first check; it spaces later checks by row size
                .withMinRowCountForPageSizeCheck(1)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .build();
    }

    /** The Parquet schema of a dataset's columns. */
    static MessageType schema(String name, List<Column> columns) {
        Types.MessageTypeBuilder b = Types.buildMessage();
        for (Column c : columns) {
            switch (c.type()) {
                case INT64 -> b.optional(PrimitiveTypeName.INT64).named(c.name());
                case BOOLEAN -> b.optional(PrimitiveTypeName.BOOLEAN).named(c.name());
                case HEX, DECIMAL, STRING, JSON -> b.optional(PrimitiveTypeName.BINARY)
                        .as(LogicalTypeAnnotation.stringType()).named(c.name());
            }
        }
        return b.named(name);
    }

    @Override
    public void write(Row row) throws IOException {
        Group g = groups.newGroup();
        // fields by position (the schema is in column order): no look-up by name per value
        for (int i = 0; i < row.size(); i++) {
            Object v = row.get(i);
            if (v == null) {
                continue;
            }
            if (v instanceof Long l) {
                g.add(i, l);
            } else if (v instanceof Boolean bool) {
                g.add(i, bool);
            } else {
                g.add(i, v.toString());
            }
        }
        writer.write(g);
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }
}
