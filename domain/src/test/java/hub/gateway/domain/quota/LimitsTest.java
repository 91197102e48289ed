package hub.gateway.domain.quota;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LimitsTest {
    @Test
    void plansCarryTheSeedsDailyAndMonthlyFiguresAndTheContractsSpeeds() {
        assertEquals(new Limits(100, 2_000, 20), Plan.STARTER.limits());
        assertEquals(new Limits(500, 10_000, 60), Plan.GROWTH.limits());
        assertEquals(new Limits(1_500, 30_000, 180), Plan.SCALE.limits());
    }

    @Test
    void aReviewedOverrideReplacesOnlyItsOwnFigure() {
        LimitOverrides overrides = new LimitOverrides(Optional.of(250), Optional.empty(), Optional.of(30));
        assertEquals(new Limits(250, 2_000, 30), overrides.applyTo(Plan.STARTER));
        assertEquals(Plan.GROWTH.limits(), LimitOverrides.NONE.applyTo(Plan.GROWTH));
    }

    @Test
    void limitsMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new Limits(0, 1, 1));
        assertThrows(IllegalArgumentException.class,
                () -> new LimitOverrides(Optional.of(-5), Optional.empty(), Optional.empty()));
    }

    @Test
    void planNamesAreCaseInsensitive() {
        assertEquals(Optional.of(Plan.SCALE), Plan.fromWireName("Scale"));
        assertEquals(Optional.empty(), Plan.fromWireName("enterprise"));
    }
}
