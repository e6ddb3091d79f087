package org.caseline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

import static org.assertj.core.api.Assertions.assertThat;

class ModularityTests {

    private final ApplicationModules modules = ApplicationModules.of(CaseLineApplication.class);

    @Test
    void modulesOnlyUseEachOthersPublicApiAndHaveNoCycles() {
        modules.verify();
    }

    @Test
    void writesModuleDocumentationForEveryModule() throws IOException {
        Path docs = Path.of("target", "spring-modulith-docs");
        new Documenter(modules, Documenter.Options.defaults().withOutputFolder(docs.toString()))
                .writeDocumentation().writeIndividualModulesAsPlantUml();
        for (ApplicationModule module : modules) {
            Path page = docs.resolve("module-" + module.getIdentifier() + ".adoc");
            assertThat(page).as("the page of module %s", module.getIdentifier()).exists();
            assertThat(Files.readString(page)).contains("`" + module.getBasePackage().getName() + "`");
        }
        assertThat(docs.resolve("components.puml")).exists();
    }
}
