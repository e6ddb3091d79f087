package org.caseline;

import java.nio.file.Path;
import java.time.LocalDate;

import org.caseline.cases.CaseIngestion;
import org.caseline.cases.CaseStatusService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The embedded database keeps its data across restarts, and production refuses demo accounts. */
class RestartAndProductionTest {

    @TempDir
    Path dataRoot;

    private ConfigurableApplicationContext start(String... profiles) {
        return new SpringApplicationBuilder(CaseLineApplication.class)
                .profiles(profiles)
                // command-line arguments outrank the test profile's throw-away database
                .run("--server.port=0",
                        "--caseline.database.embedded.data-dir=" + dataRoot.resolve("postgres"),
                        "--caseline.database.embedded.clean=false",
                        "--caseline.demo.cases=50");
    }

    @Test
    void aRestartKeepsWhatWasStored() {
        try (var first = start("test")) {
            first.getBean(CaseIngestion.class).upsert(first.getBean(CaseStatusService.class).parseReceipt("EAC2600900001"),
                    new CaseIngestion.CaseData("I-130", LocalDate.of(2026, 1, 5), "VSC", null, null, "APPROVED", null));
        }

        try (var second = start("test")) {
            var cases = second.getBean(CaseStatusService.class);
            var view = cases.findStatus(cases.parseReceipt("EAC2600900001"));
            assertThat(view).isPresent();
            assertThat(view.get().status().code()).isEqualTo("APPROVED");
        }
    }

    @Test
    void productionRefusesToStartWhileDemoAccountsExist() {
        try (var demo = start("test")) {
            assertThat(demo.isRunning()).isTrue();
        }

        assertThatThrownBy(() -> start("test", "prod").close())
                .hasMessageContaining("Refusing to start").hasMessageContaining("admin");
    }
}
