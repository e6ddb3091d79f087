package org.caseline.directory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every U.S. ZIP code with its city, state and coordinates, from the npm package {@code zipcodes}
 * (BSD licence; its data from federalgovernmentzipcodes.us), which the build copies to the
 * classpath as shipped: a JavaScript file whose one statement assigns a JSON object.
 */
final class ZipCodes {

    static final String RESOURCE = "/directory/zipcodes/lib/codes.js";

    private final Map<String, ZipPlace> byZip;

    private ZipCodes(Map<String, ZipPlace> byZip) {
        this.byZip = byZip;
    }

    static ZipCodes shipped() {
        try (InputStream in = ZipCodes.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("The ZIP code data is missing from the classpath (" + RESOURCE
                        + "): the build copies it from node_modules/zipcodes");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code exports.codes = {"10001": {"zip": ..., "latitude": ..., "longitude": ..., "city": ...,
     * "state": ...}, ...};} (and other statements after it, which are not needed).
     */
    static ZipCodes parse(String script) {
        int start = script.indexOf('{', Math.max(0, script.indexOf("exports.codes")));
        int end = start < 0 ? -1 : script.indexOf("};", start);
        if (start < 0 || end < 0) {
            throw new IllegalStateException("The ZIP code data holds no exports.codes object");
        }
        JsonNode codes = JsonMapper.builder().build().readTree(script.substring(start, end + 1));
        Map<String, ZipPlace> byZip = new HashMap<>();
        for (var entry : codes.properties()) {
            JsonNode z = entry.getValue();
            if (entry.getKey().matches("[0-9]{5}") && "US".equals(z.path("country").asString("US"))) {
                byZip.put(entry.getKey(), new ZipPlace(entry.getKey(), z.path("city").asString(), z.path("state").asString(),
                        z.path("latitude").asDouble(), z.path("longitude").asDouble()));
            }
        }
        return new ZipCodes(Map.copyOf(byZip));
    }

    Optional<ZipPlace> find(String zip) {
        return Optional.ofNullable(byZip.get(zip));
    }

    int size() {
        return byZip.size();
    }
}
