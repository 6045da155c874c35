package io.dataseq.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.dataseq.RecordContext;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A record's scope: each output's context, and what the outputs share until the record is read. */
class RecordScopeTest {
    /** Something an output shares, which says when it is closed, and may fail to close. */
    private record Shared(List<String> closed, String name, Exception failure) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            closed.add(name);
            if (failure != null) {
                throw failure;
            }
        }
    }

    /** Another kind of shared value. */
    private record Other(Shared inside) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            inside.close();
        }
    }

    @Test
    void eachOutputGetsItsOwnContextOfTheRecord() {
        RecordScope scope = new RecordScope(new RecordContext(3, 1, 8, false));
        Output<Object> output = ReaderBinding.<Object>builder().size(reader -> 9)
                .floatFeatures("points", new int[] {2}, (reader, record, context) -> new float[2]).build()
                .features().get(0);
        RecordContext context = scope.contextOf(output);
        assertEquals(8, scope.record());
        assertEquals("points", context.output());
        assertEquals(new RecordContext(3, 1, 8).forOutput("points").random().nextLong(), context.random().nextLong());
        assertEquals(false, context.training());
    }

    @Test
    void aSharedValueIsMadeOnceAndClosedWithTheScopeEvenWhenAnotherFailsToClose() {
        List<String> closed = new ArrayList<>();
        Shared first;
        RecordScope scope = new RecordScope(new RecordContext(0, 0, 2));
        first = scope.shared(Shared.class, () -> new Shared(closed, "decoded", new java.io.IOException("disk")));
        assertSame(first, scope.shared(Shared.class, () -> new Shared(closed, "again", null)));
        scope.shared(Other.class, () -> new Other(new Shared(closed, "other", null)));
        IllegalStateException e = assertThrows(IllegalStateException.class, scope::close);
        assertEquals(List.of("decoded", "other"), closed, "every one closed");
        assertEquals("could not release what the outputs of record 2 shared: java.io.IOException: disk",
                e.getMessage());
        scope.close(); // nothing left
        assertEquals(2, closed.size());
    }
}
