/**
 * Building blocks for readers of files on disk, so that a reader is a few lines: {@link io.dataseq.files.ImageFiles}
 * lists image files under a folder in a stable order; {@link io.dataseq.files.ClassFolders} takes each file's class
 * from its folder; {@link io.dataseq.files.CsvLabels} takes it from a CSV and {@link io.dataseq.files.PathLabelList}
 * from a "path label" list, both refusing file names that leave the root. The last three are
 * {@link io.dataseq.files.LabelledFiles}: a file and a class per record, and the class names in index order, which
 * the generated builder's {@code classNames(...)} hands to the iterator's {@code getLabels()}.
 *
 * <p>Every list reads its files with {@code bytes(record)} or {@code open(record)}, which open a file only if it is a
 * regular file under the list's root at that moment, with no gap between that check and the open, and checks all of
 * them before training with {@code check()} (a {@link io.dataseq.files.FileCheck}).
 *
 * <pre>{@code
 * ClassFolders files = ClassFolders.under(Path.of("data/mnist-jpg"), "jpg");
 * Digits reader = new Digits(files);
 * Split split = Split.stratified(files.size(), files::classOf, 0.8, 2024);
 * try (DigitsSequence train = DigitsSequence.builder(reader).classNames(files.classNames())
 *              .subset(split.train()).build();
 *      DigitsSequence validation = DigitsSequence.builder(reader).classNames(files.classNames())
 *              .subset(split.validation()).validation().build()) {
 *     model.fit(train, 5);
 *     System.out.println(model.evaluate(validation).stats());
 * }
 * }</pre>
 *
 * <p>Everything here is immutable and thread-safe once built, so a reader may keep it in a final field and call it
 * from every worker at once. Listing and parsing happen when it is built, on the caller's thread; problems with the
 * data are {@link io.dataseq.files.DatasetException}s that name the file and, for a CSV or a list, the line.
 */
package io.dataseq.files;
