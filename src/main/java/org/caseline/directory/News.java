package org.caseline.directory;

import java.io.InputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.caseline.platform.LocalizedText;

/** The agency's news ({@code directory/news.yaml}), newest first: for the website, the Atom feed and the IVR. */
public class News {

    public record Item(String id, LocalDate date, LocalizedText title, LocalizedText summary) {
    }

    private final List<Item> items;

    News() {
        this(News.class.getResourceAsStream("/directory/news.yaml"));
    }

    @SuppressWarnings("unchecked")
    News(InputStream yaml) {
        Map<String, Object> data = DirectoryYaml.read(yaml);
        List<Item> read = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Map<String, Object> n : (List<Map<String, Object>>) data.getOrDefault("news", List.of())) {
            String id = String.valueOf(n.get("id"));
            if (!ids.add(id)) {
                throw new IllegalStateException("The news (directory/news.yaml): " + id + " is there twice");
            }
            Map<String, String> title = (Map<String, String>) n.get("title");
            Map<String, String> summary = (Map<String, String>) n.get("summary");
            read.add(new Item(id, LocalDate.parse(String.valueOf(n.get("date"))), new LocalizedText(title.get("en"), title.get("es")),
                    new LocalizedText(summary.get("en"), summary.get("es"))));
        }
        read.sort(Comparator.comparing(Item::date).reversed());
        this.items = List.copyOf(read);
    }

    /** The news shipped with CaseLine, read without Spring (for tools such as the audio renderer). */
    public static News shipped() {
        return new News();
    }

    /** Every item, newest first. */
    public List<Item> all() {
        return items;
    }

    /** The newest {@code count}. */
    public List<Item> latest(int count) {
        return items.subList(0, Math.min(count, items.size()));
    }
}
