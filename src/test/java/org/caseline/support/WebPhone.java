package org.caseline.support;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

/** A caller on the simulator API, signed in as a member of staff. */
public final class WebPhone {

    private final Http http;
    private final String user;

    public WebPhone(Http http, String user) {
        this.http = http;
        this.user = user;
    }

    /** Dials a line; returns the first turn (its callId, what was heard). */
    public JsonNode dial(String line) {
        var response = http.sendJson("POST", "/api/sim/calls", "{\"line\": \"" + line + "\"}", user, "demo");
        if (response.status() != 201) {
            throw new AssertionError("dialing " + line + " gave " + response.status() + ": " + response.body());
        }
        return response.json();
    }

    public JsonNode press(String callId, String keys) {
        var response = http.sendJson("POST", "/api/sim/calls/" + callId + "/keys", "{\"keys\": \"" + keys + "\"}", user, "demo");
        if (response.status() != 200) {
            throw new AssertionError("pressing " + keys + " gave " + response.status() + ": " + response.body());
        }
        return response.json();
    }

    /** Everything a turn said, as one text. */
    public static String heard(JsonNode turn) {
        List<String> texts = new ArrayList<>();
        turn.get("prompts").forEach(p -> texts.add(p.get("text").asString()));
        return String.join(" ", texts);
    }
}
