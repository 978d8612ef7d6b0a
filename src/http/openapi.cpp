#include "http/openapi.hpp"

#include <fmt/format.h>

#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>

#include "core/json_writer.hpp"
#include "core/strings.hpp"

namespace cc::http {

namespace json = boost::json;

namespace {

std::string_view reason(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 201:
      return "Created";
    case 202:
      return "Accepted";
    case 204:
      return "No Content";
    case 400:
      return "Malformed request";
    case 401:
      return "Missing or invalid credentials";
    case 403:
      return "Role too low for this action";
    case 404:
      return "Not found (or in another project)";
    case 405:
      return "Method not allowed";
    case 409:
      return "Conflict";
    case 412:
      return "If-Match does not match the current ETag";
    case 413:
      return "Body too large";
    case 415:
      return "Body is not JSON";
    case 422:
      return "Validation failed; errors[] names each field";
    case 429:
      return "Rate limited; see Retry-After";
    case 503:
      return "Not ready";
    default:
      return "Response";
  }
}

json::object header_parameter(std::string_view name) {
  json::object p{{"name", name}, {"in", "header"}, {"required", false}};
  std::string description;
  if (iequals(name, "X-Project-ID"))
    description = "Project to act in (else project_id in body/query, else default)";
  if (iequals(name, "If-Match"))
    description = "ETag from a previous read; 412 when the resource changed since";
  if (iequals(name, "Idempotency-Key"))
    description = "Repeat-safe POST: the same key and body replay the first response";
  p["description"] = description;
  p["schema"] = json::object{{"type", "string"}};
  return p;
}

json::object query_parameter(const validation::Param& param) {
  json::object schema;
  switch (param.type) {
    case validation::Type::Integer:
      schema["type"] = "integer";
      if (param.min_int) schema["minimum"] = *param.min_int;
      if (param.max_int) schema["maximum"] = *param.max_int;
      break;
    case validation::Type::Boolean:
      schema["type"] = "boolean";
      break;
    case validation::Type::DateTime:
      schema["type"] = "string";
      schema["format"] = "date-time";
      break;
    case validation::Type::Enum: {
      schema["type"] = "string";
      json::array values;
      for (const auto& c : param.choices) values.emplace_back(c);
      if (param.multiple) {
        schema["description"] = "One value, or several separated by commas";
        schema["pattern"] = fmt::format("^({0})(,({0}))*$", fmt::join(param.choices, "|"));
      } else {
        schema["enum"] = std::move(values);
      }
      break;
    }
    default:
      schema["type"] = "string";
      if (param.max_length) schema["maxLength"] = param.max_length;
  }
  if (param.default_value) schema["default"] = *param.default_value;
  json::object p{{"name", param.name}, {"in", "query"}, {"required", false}, {"schema", std::move(schema)}};
  if (!param.description.empty()) p["description"] = param.description;
  return p;
}

std::string operation_id(const Route& route) {
  std::string id = to_lower(to_string(route.method));
  for (const auto& segment : route.segments) {
    if (segment == "api" || segment == "v1") continue;
    id += '_';
    for (char c : segment) {
      if (std::isalnum(static_cast<unsigned char>(c)))
        id += c;
      else if (c == '-' || c == '_')
        id += '_';
    }
  }
  return id;
}

}  // namespace

std::string build_openapi(const Router& router, const OpenApiInfo& info, const json::object& schemas) {
  json::object paths;
  for (const auto& route_ptr : router.routes()) {
    const Route& route = *route_ptr;
    if (route.doc.hidden) continue;
    json::object op;
    op["operationId"] = operation_id(route);
    if (!route.doc.summary.empty()) op["summary"] = route.doc.summary;
    if (!route.doc.description.empty()) op["description"] = route.doc.description;
    if (!route.doc.tag.empty()) op["tags"] = json::array{json::string(route.doc.tag)};

    json::array parameters;
    for (const auto& segment : route.segments) {
      if (segment.size() > 2 && segment.front() == '{') {
        std::string name = segment.substr(1, segment.size() - 2);
        bool numeric = name == "id" || name.ends_with("_id");
        parameters.push_back(
            json::object{{"name", name},
                         {"in", "path"},
                         {"required", true},
                         {"schema", numeric ? json::object{{"type", "integer"}, {"minimum", 1}}
                                            : json::object{{"type", "string"}}}});
      }
    }
    if (route.doc.query) {
      for (const auto& p : route.doc.query->params()) parameters.push_back(query_parameter(p));
    }
    for (const auto& h : route.doc.request_headers) parameters.push_back(header_parameter(h));
    if (!parameters.empty()) op["parameters"] = std::move(parameters);

    if (route.doc.body) {
      op["requestBody"] = json::object{
          {"required", route.doc.body_mode == validation::Mode::Create},
          {"content",
           json::object{{route.doc.request_content_type,
                         json::object{{"schema", route.doc.body->json_schema(route.doc.body_mode)}}}}}};
    }

    json::object responses;
    json::object success{{"description", reason(route.doc.success_status)}};
    if (route.doc.response_schema) {
      success["content"] = json::object{
          {route.doc.response_content_type, json::object{{"schema", *route.doc.response_schema}}}};
    }
    responses[std::to_string(route.doc.success_status)] = std::move(success);
    std::vector<int> errors = route.doc.error_statuses;
    if (route.doc.security == Security::Bearer) errors.push_back(401);
    if (route.doc.body) {
      errors.push_back(400);
      errors.push_back(413);
      errors.push_back(415);
      errors.push_back(422);
    }
    if (route.doc.query) errors.push_back(422);
    std::sort(errors.begin(), errors.end());
    errors.erase(std::unique(errors.begin(), errors.end()), errors.end());
    for (int status : errors) {
      responses[std::to_string(status)] = json::object{
          {"description", reason(status)},
          {"content",
           json::object{{"application/problem+json",
                         json::object{{"schema", json::object{{"$ref", "#/components/schemas/Problem"}}}}}}}};
    }
    op["responses"] = std::move(responses);
    if (route.doc.security == Security::None) {
      op["security"] = json::array{};
    }

    auto& path_item = paths[route.pattern];
    if (!path_item.is_object()) path_item = json::object{};
    path_item.as_object()[to_lower(to_string(route.method))] = std::move(op);
  }

  json::object components_schemas = schemas;
  components_schemas["Problem"] = json::parse(R"({
    "type": "object",
    "description": "RFC 9457 problem details",
    "required": ["type", "title", "status"],
    "properties": {
      "type": {"type": "string"}, "title": {"type": "string"}, "status": {"type": "integer"},
      "detail": {"type": "string"}, "instance": {"type": "string"}, "request_id": {"type": "string"},
      "errors": {"type": "array", "items": {"type": "object", "properties": {
        "field": {"type": "string"}, "message": {"type": "string"}, "code": {"type": "string"}}}}
    }})");

  json::object doc{
      {"openapi", "3.1.0"},
      {"info",
       json::object{{"title", info.title}, {"version", info.version}, {"description", info.description}}},
      {"paths", std::move(paths)},
      {"components",
       json::object{{"schemas", std::move(components_schemas)},
                    {"securitySchemes",
                     json::object{{"bearerAuth",
                                   json::object{{"type", "http"},
                                                {"scheme", "bearer"},
                                                {"description", "An access token (JWT) or an API key"}}}}}}},
      {"security", json::array{json::object{{"bearerAuth", json::array{}}}}}};
  return to_json_string(doc);
}

}  // namespace cc::http
