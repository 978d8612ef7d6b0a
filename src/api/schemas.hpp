#pragma once
// JSON Schemas of responses, published under components.schemas in /openapi.json.
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <string_view>

namespace cc::api {

boost::json::value ref(std::string_view name);
boost::json::value array_of(std::string_view name);
boost::json::object component_schemas();

}  // namespace cc::api
