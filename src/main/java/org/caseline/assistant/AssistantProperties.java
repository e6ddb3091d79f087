package org.caseline.assistant;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the assistant and live chat behave ({@code caseline.assistant.*}).
 *
 * @param embeddings     rank English questions by meaning too (the sentence-embedding model), fused with BM25
 * @param answerFrom     the confidence from which an article is given as the answer; below it, "I'm not sure I understood"
 * @param unsureBelow    an answer given with less confidence than this adds how to ask again or reach a person
 * @param perSecond      questions a visitor (by address) may ask a second, with bursts of {@code burst}
 * @param burst          see {@code perSecond}
 * @param chatLine       the line whose hours of live help live chat keeps
 * @param chatQueuePrefix live chats wait in the queue of this prefix and the visitor's language ("chat-en")
 */
@ConfigurationProperties("caseline.assistant")
public record AssistantProperties(@DefaultValue("true") boolean embeddings,
                                  @DefaultValue("0.5") double answerFrom,
                                  @DefaultValue("0.65") double unsureBelow,
                                  @DefaultValue("2") double perSecond,
                                  @DefaultValue("20") int burst,
                                  @DefaultValue("18003755283") String chatLine,
                                  @DefaultValue("chat-") String chatQueuePrefix) {
}
