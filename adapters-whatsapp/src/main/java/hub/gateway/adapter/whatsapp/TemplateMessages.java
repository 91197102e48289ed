package hub.gateway.adapter.whatsapp;

import hub.gateway.domain.template.RenderedTemplate;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import java.util.List;

/**
 * The Cloud API's {@code template} object of a send: the template's name, {@code language.code}, and a body component
 * with one text parameter per placeholder, in order. An {@code authentication} template also carries its code (the
 * first parameter) as the parameter of its copy-code button: Meta creates that button as a URL button, index 0.
 */
final class TemplateMessages {
    private TemplateMessages() {
    }

    static JsonObject template(RenderedTemplate template) {
        JsonArrayBuilder components = JsonTrees.BUILDERS.createArrayBuilder();
        if (!template.parameters().isEmpty()) {
            components.add(JsonTrees.BUILDERS.createObjectBuilder()
                    .add("type", "body")
                    .add("parameters", textParameters(template.parameters())));
        }
        template.code().ifPresent(code -> components.add(JsonTrees.BUILDERS.createObjectBuilder()
                .add("type", "button")
                .add("sub_type", "url")
                .add("index", "0")
                .add("parameters", textParameters(List.of(code)))));
        return JsonTrees.BUILDERS.createObjectBuilder()
                .add("name", template.key().name())
                .add("language", JsonTrees.BUILDERS.createObjectBuilder().add("code", template.key().language()))
                .add("components", components)
                .build();
    }

    private static JsonArrayBuilder textParameters(List<String> texts) {
        JsonArrayBuilder parameters = JsonTrees.BUILDERS.createArrayBuilder();
        for (String text : texts) {
            JsonObjectBuilder parameter = JsonTrees.BUILDERS.createObjectBuilder().add("type", "text").add("text", text);
            parameters.add(parameter);
        }
        return parameters;
    }
}
