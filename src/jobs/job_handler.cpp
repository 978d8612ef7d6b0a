#include "jobs/job_handler.hpp"

#include <fmt/format.h>

#include "core/error.hpp"

namespace cc::jobs {

void HandlerRegistry::add(std::unique_ptr<JobHandler> handler) {
  auto type = std::string(handler->type());
  handlers_[type] = std::move(handler);
}

JobHandler* HandlerRegistry::find(std::string_view type) const {
  auto it = handlers_.find(type);
  return it == handlers_.end() ? nullptr : it->second.get();
}

JobHandler& HandlerRegistry::require(std::string_view type, std::string_view field) const {
  if (auto* h = find(type)) return *h;
  auto supported = types();
  throw Error::validation(
      std::string(field),
      fmt::format("'{}' is not a supported job type; supported: {}", type,
                  supported.empty() ? std::string("none") : fmt::format("{}", fmt::join(supported, ", "))),
      "enum");
}

std::vector<std::string> HandlerRegistry::types() const {
  std::vector<std::string> out;
  for (const auto& [name, handler] : handlers_) out.push_back(name);
  return out;
}

}  // namespace cc::jobs
