package aieditor.api;

import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.annotation.JsonValue;

/** JSON stored as text (a job's result) written into a reply as JSON, not as a quoted string. */
record RawJson(String json) {
    @JsonValue
    @JsonRawValue
    public String json() {
        return json;
    }
}
