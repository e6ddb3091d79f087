package org.caseline.assistant;

import org.caseline.support.CaseLineTest;
import org.caseline.support.MovableClock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The assistant, with the shipped knowledge and the real model, against the evaluation set: at
 * least 90 % right first in English and 85 % in Spanish, and every legal-advice question refused.
 */
@CaseLineTest
@Import(MovableClock.Settable.class)
class AssistantEvaluationTest {

    @Autowired
    Assistant assistant;

    @Test
    void theEvaluationSetIsAnsweredAsWellAsTheTargetsSay() {
        Evaluation evaluation = Evaluation.load();
        assertThat(evaluation.cases()).hasSizeGreaterThanOrEqualTo(150);
        assertThat(evaluation.cases().stream().filter(c -> "es".equals(c.language().getLanguage())).count())
                .isGreaterThanOrEqualTo(evaluation.cases().size() / 3);

        Evaluation.Figures figures = evaluation.run(assistant, null);
        figures.misses().forEach(m -> System.out.println("MISS " + m));
        System.out.println("EVALUATION " + figures);

        assertThat(figures.englishTop1()).as("top-1 in English").isGreaterThanOrEqualTo(0.90);
        assertThat(figures.spanishTop1()).as("top-1 in Spanish").isGreaterThanOrEqualTo(0.85);
        assertThat(figures.refusalRecall()).as("legal-advice questions refused").isEqualTo(1.0);
        assertThat(figures.refusalPrecision()).as("refusals that were legal advice").isGreaterThanOrEqualTo(0.95);
    }
}
