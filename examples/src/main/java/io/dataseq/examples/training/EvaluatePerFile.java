package io.dataseq.examples.training;

import io.dataseq.RecordMetaData;
import io.dataseq.dl4j.DataSetSequence;
import io.dataseq.examples.folders.FolderDigitsSequence;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.evaluation.meta.Prediction;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Recipe: evaluation with a prediction per file. A sequence built with {@code exampleMetaData(true)} gives each
 * batch a {@link RecordMetaData} per row (the record and its {@code @Describe}, here its file), which DL4J's
 * {@link Evaluation} keeps beside each prediction; {@link Evaluation#getPredictionErrors()} then names the file of
 * every wrong prediction.
 *
 * <p>Usage: {@code EvaluatePerFile [EPOCHS]} (default 2): trains on the recipes' training records, then lists the
 * test files the model gets wrong.
 */
public final class EvaluatePerFile {
    private EvaluatePerFile() {}

    /** A file the model got wrong: the file, its class and the class the model chose. */
    public record Misclassified(String file, String actual, String predicted) {}

    /** Runs the recipe on the bundled digits; see the class comment for the arguments. */
    public static void main(String[] args) throws IOException {
        int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        RecipeDigits data = RecipeDigits.bundled();
        MultiLayerNetwork model = RecipeDigits.network();
        try (FolderDigitsSequence train = data.training().build();
                FolderDigitsSequence test = data.heldOut(data.test()).exampleMetaData(true).build()) {
            model.fit(train, epochs);
            Evaluation evaluation = evaluate(model, test);
            System.out.println(evaluation.stats());
            for (Misclassified error : misclassified(evaluation)) {
                System.out.println(error.file() + ": a " + error.actual() + ", taken for a " + error.predicted());
            }
        }
    }

    /**
     * Evaluates {@code model} on every record of {@code test}, a sequence built with {@code exampleMetaData(true)},
     * keeping each prediction's record. ({@code model.evaluate(test)} does the same for such a sequence: it, too,
     * passes each batch's metadata to {@code eval}.)
     */
    public static Evaluation evaluate(MultiLayerNetwork model, DataSetSequence test) {
        Evaluation evaluation = new Evaluation(test.getLabels());
        test.reset(); // from the first batch, whatever was read before
        while (test.hasNext()) {
            DataSet batch = test.next();
            List<Serializable> rows = Objects.requireNonNull(batch.getExampleMetaData(),
                    "no record per row: build the sequence with exampleMetaData(true)");
            INDArray predictions = model.output(batch.getFeatures(), false);
            evaluation.eval(batch.getLabels(), predictions, rows);
        }
        return evaluation;
    }

    /** Each wrong prediction of {@code evaluation} with its file: what the reader's {@code @Describe} said. */
    public static List<Misclassified> misclassified(Evaluation evaluation) {
        List<Misclassified> errors = new ArrayList<>();
        for (Prediction error : evaluation.getPredictionErrors()) {
            RecordMetaData record = error.getRecordMetaData(RecordMetaData.class);
            errors.add(new Misclassified(record.description(), evaluation.getClassLabel(error.getActualClass()),
                    evaluation.getClassLabel(error.getPredictedClass())));
        }
        return errors;
    }
}
