package io.dataseq.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.dataseq.RecordMetaData;
import io.dataseq.annotation.ErrorPolicy;
import java.io.Serializable;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * With {@code exampleMetaData(true)} each row of a batch says which record it holds and what {@code @Describe} says
 * of it, DL4J's way; the rows a SKIP left out are not there and the skip report lists them.
 */
class ExampleMetaDataTest {

    @Test
    void eachRowNamesItsRecordAndDescription() {
        Probe reader = new Probe(50, false, (epoch, record) -> {
            if (record % 7 == 3) {
                throw new Probe.Corrupt(epoch, record);
            }
        });
        try (ProbeSequence sequence = ProbeSequence.builder(reader).batchSize(8).shuffle(true).seed(5)
                .exampleMetaData(true).onError(ErrorPolicy.SKIP).workers(3).build()) {
            Set<Long> seen = new HashSet<>();
            while (sequence.hasNext()) {
                DataSet batch = sequence.next();
                List<Serializable> rows = batch.getExampleMetaData();
                assertEquals(batch.numExamples(), rows.size());
                for (int row = 0; row < rows.size(); row++) {
                    RecordMetaData metaData = (RecordMetaData) rows.get(row);
                    assertEquals((long) batch.getFeatures().getFloat(row, 0), metaData.record(), "row " + row);
                    assertEquals(Probe.describe((int) metaData.record()), metaData.description());
                    seen.add(metaData.record());
                }
            }
            assertEquals(50 - sequence.skipped().size(), seen.size());
            sequence.skipped().forEach(skipped -> assertEquals(3, skipped.record() % 7));
        }
    }

    @Test
    void aMultiDataSetCarriesThemToo() {
        try (PairsSequence sequence = PairsSequence.builder(new Pairs(10, false, record -> false)).exampleMetaData(true).workers(0)
                .build()) {
            MultiDataSet batch = sequence.next();
            assertEquals(batch.getFeatures(0).rows(), batch.getExampleMetaData().size());
        }
    }

    @Test
    void withoutItNothingIsDescribed() {
        try (ProbeSequence sequence = ProbeSequence.builder(new Probe(10)).workers(0).build()) {
            assertNull(sequence.next().getExampleMetaData());
        }
    }
}
