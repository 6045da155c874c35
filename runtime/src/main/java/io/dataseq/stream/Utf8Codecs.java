package io.dataseq.stream;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** The built-in codecs of {@link DescriptorCodec}: a length (an {@code int}), then the UTF-8 bytes. */
final class Utf8Codecs {
    static final DescriptorCodec<String> STRINGS = new DescriptorCodec<>() {
        @Override
        public void write(String descriptor, DataOutput out) throws IOException {
            writeString(descriptor, out);
        }

        @Override
        public String read(DataInput in) throws IOException {
            return readString(in);
        }
    };
    static final DescriptorCodec<Path> PATHS = new DescriptorCodec<>() {
        @Override
        public void write(Path descriptor, DataOutput out) throws IOException {
            writeString(descriptor.toString(), out);
        }

        @Override
        public Path read(DataInput in) throws IOException {
            return Path.of(readString(in));
        }
    };

    private Utf8Codecs() {
    }

    private static void writeString(String value, DataOutput out) throws IOException {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String readString(DataInput in) throws IOException {
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
