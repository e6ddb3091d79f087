package org.caseline.directory.api;

import java.time.ZoneOffset;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.rometools.rome.feed.synd.SyndContentImpl;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndEntryImpl;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndFeedImpl;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedOutput;
import jakarta.servlet.http.HttpServletRequest;

import org.caseline.directory.DirectoryData;
import org.caseline.directory.News;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** The news: {@code GET /api/news} (JSON) and {@code GET /news.atom} (an Atom 1.0 feed), newest first, in English or Spanish. */
@RestController
class NewsApi {

    private final DirectoryData data;

    NewsApi(DirectoryData data) {
        this.data = data;
    }

    @GetMapping("/api/news")
    Map<String, Object> list(@RequestParam(required = false) String lang, HttpServletRequest request) {
        Locale language = ApiLanguage.of(lang, request);
        return Map.of("news", data.news().all().stream().map(n -> {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("id", n.id());
            o.put("date", n.date().toString());
            o.put("title", n.title().in(language));
            o.put("summary", n.summary().in(language));
            return o;
        }).toList());
    }

    @GetMapping("/news.atom")
    ResponseEntity<String> atom(@RequestParam(required = false) String lang, HttpServletRequest request) throws FeedException {
        Locale language = ApiLanguage.of(lang, request);
        String base = ServletUriComponentsBuilder.fromContextPath(request).build().toUriString();
        SyndFeed feed = new SyndFeedImpl();
        feed.setFeedType("atom_1.0");
        feed.setTitle("es".equals(language.getLanguage()) ? "Noticias" : "News");
        feed.setLink(base + "/news.atom?lang=" + language.getLanguage());
        feed.setUri(base + "/news.atom?lang=" + language.getLanguage());
        feed.setLanguage(language.getLanguage());
        List<News.Item> items = data.news().all();
        feed.setPublishedDate(items.isEmpty() ? new Date(0) : date(items.getFirst()));
        feed.setEntries(items.stream().map(n -> entry(n, language, base)).toList());
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/atom+xml;charset=UTF-8"))
                .body(new SyndFeedOutput().outputString(feed));
    }

    private static SyndEntry entry(News.Item item, Locale language, String base) {
        SyndEntry entry = new SyndEntryImpl();
        entry.setUri("urn:caseline:news:" + item.id());
        entry.setTitle(item.title().in(language));
        entry.setLink(base + "/api/news#" + item.id());
        entry.setPublishedDate(date(item));
        entry.setUpdatedDate(date(item));
        SyndContentImpl summary = new SyndContentImpl();
        summary.setType("text");
        summary.setValue(item.summary().in(language));
        entry.setDescription(summary);
        return entry;
    }

    private static Date date(News.Item item) {
        return Date.from(item.date().atStartOfDay(ZoneOffset.UTC).toInstant());
    }
}
