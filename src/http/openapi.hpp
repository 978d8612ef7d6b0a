#pragma once
// Builds the OpenAPI 3.1 document from the registered routes: their paths, parameters, request bodies (the
// same ObjectSpec/QuerySpec that validate requests) and response schemas.
#include <boost/json/object.hpp>
#include <string>

#include "http/router.hpp"

namespace cc::http {

struct OpenApiInfo {
  std::string title;
  std::string version;
  std::string description;
};

std::string build_openapi(const Router& router, const OpenApiInfo& info, const boost::json::object& schemas);

}  // namespace cc::http
