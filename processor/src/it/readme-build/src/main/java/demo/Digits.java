package demo;

import io.dataseq.annotation.DataSequence;
import io.dataseq.annotation.Describe;
import io.dataseq.annotation.Features;
import io.dataseq.annotation.Image;
import io.dataseq.annotation.Label;
import io.dataseq.annotation.Size;
import io.dataseq.files.LabelledFiles;
import java.nio.file.Path;

// The README's first reader, character for character (ReadmeBuildTest checks it).
@DataSequence(batchSize = 64, shuffle = true, seed = 42)
public record Digits(LabelledFiles files) {      // keep state final: the methods are called from many threads

    @Size
    public int size() { return files.size(); }

    @Features                                     // DataSeq decodes the file: 1 x 28 x 28, scaled to [0, 1]
    @Image(height = 28, width = 28, channels = Image.Channels.GRAY)
    @Describe                                     // and names it in errors
    public Path image(int record) { return files.file(record); }

    @Label(classes = 10)
    public int digit(int record) { return files.classOf(record); }
}
