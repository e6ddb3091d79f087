package org.caseline;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import com.tngtech.archunit.core.domain.JavaClass;
import org.junit.jupiter.api.Test;
import org.springframework.context.event.EventListener;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.core.EventType;
import org.springframework.modulith.docs.Documenter;
import org.springframework.modulith.events.ApplicationModuleListener;

import static org.assertj.core.api.Assertions.assertThat;

class ModularityTests {

    private final ApplicationModules modules = ApplicationModules.of(CaseLineApplication.class);
    private final Path docs = Path.of("target", "spring-modulith-docs");

    @Test
    void modulesOnlyUseEachOthersPublicApiAndHaveNoCycles() {
        modules.verify();
    }

    @Test
    void writesModuleDocumentationForEveryModule() throws IOException {
        new Documenter(modules, Documenter.Options.defaults().withOutputFolder(docs.toString()))
                .writeDocumentation().writeIndividualModulesAsPlantUml();
        for (ApplicationModule module : modules) {
            Path page = docs.resolve("module-" + module.getIdentifier() + ".adoc");
            assertThat(page).as("the page of module %s", module.getIdentifier()).exists();
            assertThat(Files.readString(page)).contains("`" + module.getBasePackage().getName() + "`");
        }
        assertThat(docs.resolve("components.puml")).exists();
    }

    /**
     * Every event one module reacts to is one a module declares it publishes ({@code @DomainEvent}),
     * so the map of events below is whole: who publishes it, who listens and how, what it carries.
     */
    @Test
    void everyEventAModuleListensToIsDeclaredByItsPublisherAndDocumented() throws IOException {
        List<String> published = modules.stream()
                .flatMap(m -> m.getPublishedEvents().stream())
                .map(e -> e.getType().getName()).toList();
        for (ApplicationModule module : modules) {
            for (JavaClass heard : module.getEventsListenedTo(modules)) {
                if (heard.getPackageName().startsWith("org.caseline")) {
                    assertThat(published).as("%s, heard by %s, is declared by the module that publishes it",
                            heard.getSimpleName(), module.getIdentifier()).contains(heard.getName());
                }
            }
        }

        Files.createDirectories(docs);
        Path page = docs.resolve("events.adoc");
        Files.writeString(page, eventsPage());
        assertThat(Files.readString(page))
                .contains("CaseStatusChanged", "CallbackRequested", "ServiceRequestFiled", "RoutingUpdate");
    }

    private String eventsPage() {
        var page = new StringBuilder("= Events between modules\n\n"
                + "Listeners marked _after commit, in the registry_ are `@ApplicationModuleListener`s: the JDBC event "
                + "publication registry records the event with the publisher's transaction and delivers it again after "
                + "a crash. _In the node_ means a plain `@EventListener`, for state the database already holds.\n");
        for (ApplicationModule publisher : modules) {
            for (EventType event : publisher.getPublishedEvents()) {
                Class<?> type = event.getType().reflect();
                page.append("\n== `").append(type.getSimpleName()).append("`\n\n")
                        .append("Published by:: ").append(publisher.getDisplayName()).append('\n')
                        .append("Payload:: ").append(payload(type)).append('\n')
                        .append("Listened to by:: ").append(listeners(type)).append('\n');
            }
        }
        return page.toString();
    }

    private static String payload(Class<?> type) {
        RecordComponent[] fields = type.getRecordComponents();
        if (fields == null) {
            return "`" + type.getSimpleName() + "`";
        }
        return Arrays.stream(fields).map(f -> "`" + f.getName() + "` (" + f.getType().getSimpleName() + ")")
                .collect(Collectors.joining(", "));
    }

    private String listeners(Class<?> event) {
        List<String> found = new ArrayList<>();
        for (ApplicationModule module : modules) {
            module.getSpringBeans().forEach(bean -> {
                for (Method method : bean.getType().reflect().getDeclaredMethods()) {
                    boolean registry = method.isAnnotationPresent(ApplicationModuleListener.class);
                    boolean local = method.isAnnotationPresent(EventListener.class);
                    if ((registry || local) && method.getParameterCount() == 1 && method.getParameterTypes()[0] == event) {
                        found.add(module.getDisplayName() + " (`" + bean.getType().getSimpleName() + "." + method.getName()
                                + "`, " + (registry ? "after commit, in the registry" : "in the node") + ")");
                    }
                }
            });
        }
        return found.isEmpty() ? "none yet" : String.join("; ", found);
    }
}
