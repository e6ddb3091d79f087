package org.caseline.directory;

import java.io.StringReader;

import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import org.caseline.support.CaseLineTest;
import org.caseline.support.Http;
import org.caseline.support.WebPhone;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** One set of news behind the API, the Atom feed and the phone menu, newest first, in English and Spanish. */
@CaseLineTest
class NewsTest {

    @LocalServerPort
    int port;

    @Test
    void theNewsNewestFirst() {
        JsonNode news = new Http(port).get("/api/news?lang=es").json().path("news");

        assertThat(news.size()).isEqualTo(News.shipped().all().size());
        assertThat(news.get(0).path("date").asString()).isEqualTo("2026-11-24");
        assertThat(news.get(0).path("title").asString()).isEqualTo("Ahora se pueden presentar más formularios en línea");
        assertThat(news.get(1).path("date").asString()).isLessThan(news.get(0).path("date").asString());
    }

    @Test
    void theAtomFeedIsOneAFeedReaderParses() throws Exception {
        Http.Response response = new Http(port).get("/news.atom?lang=es");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).startsWith("application/atom+xml");
        SyndFeed feed = new SyndFeedInput().build(new StringReader(response.body()));
        assertThat(feed.getFeedType()).isEqualTo("atom_1.0");
        assertThat(feed.getEntries()).hasSize(News.shipped().all().size());
        assertThat(feed.getEntries().getFirst().getTitle()).isEqualTo("Ahora se pueden presentar más formularios en línea");
        assertThat(feed.getEntries().getFirst().getUri()).isEqualTo("urn:caseline:news:online-filing-n400");
        assertThat(feed.getEntries().getFirst().getPublishedDate()).isNotNull();
    }

    @Test
    void aCallerWhoPressesPoundHearsTheLatestThreeHeadlines() {
        Http http = new Http(port);
        WebPhone phone = new WebPhone(http, "tier1");
        String call = phone.dial("18003755283").get("callId").asString();
        phone.press(call, "1"); // English

        String heard = WebPhone.heard(phone.press(call, "#"));

        assertThat(heard).contains("News of November 24, 2026: More forms can now be filed online.",
                "News of November 17, 2026: Contact Center hours around the holidays.",
                "News of November 3, 2026: Check the current fee before you file.")
                .doesNotContain("Naturalization ceremonies in more field offices");
    }
}
