package io.dataseq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;

/** A position saved beside a checkpoint comes back equal, as text or serialized. */
class PositionTest {

    @Test
    void theTextFormIsStableAndReadBack() {
        Position position = new Position(-42, 3, 17);
        assertEquals("seed=-42 epoch=3 batch=17", position.toString());
        assertEquals(position, Position.parse(position.toString()));
        assertEquals(position, Position.parse("  seed=-42 epoch=3 batch=17\n"));
        assertEquals(new Position(Long.MAX_VALUE, Integer.MAX_VALUE, 0),
                Position.parse(new Position(Long.MAX_VALUE, Integer.MAX_VALUE, 0).toString()));
    }

    @Test
    void textThatIsNoPositionIsRefusedSayingWhatIsExpected() {
        for (String text : new String[] {"", "seed=1 epoch=2", "seed=1 epoch=-2 batch=0", "epoch=1 seed=2 batch=3",
                "seed=1 epoch=99999999999 batch=0"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Position.parse(text),
                    text);
            assertEquals(true, e.getMessage().contains(text), e.getMessage());
        }
    }

    @Test
    void aPositionIsSerializable() throws IOException, ClassNotFoundException {
        Position position = new Position(7, 2, 5);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(position);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertEquals(position, in.readObject());
        }
    }
}
