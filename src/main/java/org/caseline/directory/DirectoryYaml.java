package org.caseline.directory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Reads one of the directory's files: plain YAML data, nothing else (no types, no tags). */
final class DirectoryYaml {

    private DirectoryYaml() {
    }

    /** The file's top-level mapping; empty for an empty file. */
    static Map<String, Object> read(InputStream yaml) {
        try (yaml) {
            Object data = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
            if (data != null && !(data instanceof Map<?, ?>)) {
                throw new IllegalStateException("the file must be a mapping of its sections");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> map = data == null ? Map.of() : (Map<String, Object>) data;
            return map;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
