package org.caseline.ivr;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import org.caseline.ivr.flow.FlowLoader;
import org.caseline.ivr.flow.FlowProblem;
import org.caseline.ivr.flow.FlowSet;
import org.caseline.ivr.flow.InvalidFlowException;
import org.caseline.ivr.flow.Prompts;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A broken flow is refused with its file, its line and the problem in plain words. */
class FlowValidationTest {

    private static final String PROMPTS = """
            hello: { en: "Hello", es: "Hola" }
            menu: { en: "Press 1", es: "Oprima 1" }
            bye: { en: "Bye", es: "Adiós" }
            """;

    private static List<FlowProblem> problems(String flowYaml) {
        return problems(flowYaml, PROMPTS);
    }

    private static List<FlowProblem> problems(String flowYaml, String promptsYaml) {
        var prompts = Prompts.load("prompts.yaml", new StringReader(promptsYaml));
        var loaded = FlowLoader.load("flows/test.yaml", new StringReader(flowYaml));
        List<FlowProblem> found = new ArrayList<>(prompts.problems());
        found.addAll(loaded.problems());
        try {
            FlowSet.build(loaded.flow().stream().toList(), prompts.prompts(), List.of("test"), found);
            return List.of();
        } catch (InvalidFlowException e) {
            return e.problems();
        }
    }

    @Test
    void aValidFlowHasNoProblems() {
        assertThat(problems("""
                flow: test
                start: hello
                nodes:
                  hello: { type: say, prompt: hello, next: menu }
                  menu:
                    type: menu
                    prompt: menu
                    options: { "1": bye }
                  bye: { type: hangup, prompt: bye }
                """)).isEmpty();
    }

    @Test
    void anUnknownNodeTypeIsNamedOnItsLine() {
        assertThat(problems("""
                flow: test
                start: hello
                nodes:
                  hello:
                    type: sya
                    prompt: hello
                """)).anySatisfy(p -> {
                    assertThat(p.file()).isEqualTo("flows/test.yaml");
                    assertThat(p.line()).isEqualTo(5);
                    assertThat(p.message()).contains("unknown node type 'sya'");
                });
    }

    @Test
    void aTargetThatDoesNotExistIsNamed() {
        assertThat(problems("""
                flow: test
                start: hello
                nodes:
                  hello: { type: say, prompt: hello, next: goodbye }
                """)).anySatisfy(p -> {
                    assertThat(p.line()).isEqualTo(4);
                    assertThat(p.message()).contains("'goodbye'", "not a node");
                });
    }

    @Test
    void anUnreachableNodeIsNamed() {
        assertThat(problems("""
                flow: test
                start: bye
                nodes:
                  bye: { type: hangup, prompt: bye }
                  lost: { type: hangup, prompt: bye }
                """)).singleElement().satisfies(p -> {
                    assertThat(p.line()).isEqualTo(5);
                    assertThat(p.message()).contains("'lost' cannot be reached");
                });
    }

    @Test
    void aPromptWithoutItsSpanishTranslationIsNamedInThePromptsFile() {
        assertThat(problems("""
                flow: test
                start: bye
                nodes:
                  bye: { type: hangup, prompt: bye }
                """, """
                hello: { en: "Hello", es: "Hola" }
                bye: { en: "Bye" }
                """)).anySatisfy(p -> {
                    assertThat(p.file()).isEqualTo("prompts.yaml");
                    assertThat(p.line()).isEqualTo(2);
                    assertThat(p.message()).contains("'bye' has no Spanish translation");
                });
    }

    @Test
    void aKeyUsedTwiceInOneMenuIsNamedWithBothLines() {
        assertThat(problems("""
                flow: test
                start: menu
                nodes:
                  menu:
                    type: menu
                    prompt: menu
                    options:
                      "1": bye
                      "1": bye
                  bye: { type: hangup, prompt: bye }
                """)).anySatisfy(p -> {
                    assertThat(p.line()).isEqualTo(9);
                    assertThat(p.message()).contains("key 1 is used twice", "line 8");
                });
    }

    @Test
    void aMenuWithNoWayToAPersonOrOutIsRefused() {
        assertThat(problems("""
                flow: test
                start: menu
                nodes:
                  menu:
                    type: menu
                    prompt: menu
                    options: { "1": again }
                  again: { type: say, prompt: hello, next: menu }
                """)).singleElement().satisfies(p -> {
                    assertThat(p.line()).isEqualTo(5);
                    assertThat(p.message()).contains("menu 'menu' has no way to a person or out of the call");
                });
    }

    @Test
    void brokenYamlIsNamedWithItsLine() {
        assertThat(problems("""
                flow: test
                start: hello
                nodes:
                  hello: { type: say, prompt: hello
                """)).anySatisfy(p -> assertThat(p.message()).startsWith("not valid YAML"));
    }

    @Test
    void theDefaultFlowsAreValid() {
        FlowSet flows = org.caseline.ivr.flow.FlowFiles.load("classpath:ivr", Lines.entriesOf(List.of("main", "military", "premium")));

        assertThat(flows.flows()).extracting(f -> f.id()).contains("main", "military", "premium");
    }

    @Test
    void anInvalidFlowNeverGoesLive() {
        assertThatThrownBy(() -> org.caseline.ivr.flow.FlowFiles.load("classpath:ivr", List.of("main", "no-such-flow")))
                .isInstanceOf(InvalidFlowException.class)
                .hasMessageContaining("no-such-flow");
    }
}
