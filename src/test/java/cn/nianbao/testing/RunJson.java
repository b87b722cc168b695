package cn.nianbao.testing;

import java.io.IOException;
import java.nio.file.Path;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** run.json read as the JSON it is, for assertions on its members rather than on its text's layout. */
public final class RunJson {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private RunJson() {
    }

    public static JsonNode read(Path runJson) throws IOException {
        return MAPPER.readTree(runJson.toFile());
    }

    public static JsonNode parse(String json) {
        return MAPPER.readTree(json);
    }
}
