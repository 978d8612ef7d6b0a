#include "api/responses.hpp"

#include <fmt/format.h>

#include <boost/url/encode.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>

namespace cc::api {

namespace {

std::string page_url(const http::RequestContext& ctx, std::int64_t page, std::int64_t limit) {
  std::string url = ctx.request.path + "?";
  for (const auto& [key, value] : ctx.request.query()) {
    if (key == "page" || key == "skip" || key == "limit") continue;
    url += boost::urls::encode(key, boost::urls::unreserved_chars) + "=" +
           boost::urls::encode(value, boost::urls::unreserved_chars) + "&";
  }
  return url + fmt::format("page={}&limit={}", page, limit);
}

}  // namespace

void add_pagination_headers(http::Response& response, const http::RequestContext& ctx,
                            const PageRequest& page, std::int64_t total) {
  response.set_header("X-Total-Count", std::to_string(total));
  std::int64_t last = std::max<std::int64_t>(1, (total + page.limit - 1) / page.limit);
  std::vector<std::string> links;
  links.push_back(fmt::format("<{}>; rel=\"first\"", page_url(ctx, 1, page.limit)));
  if (page.page > 1)
    links.push_back(
        fmt::format("<{}>; rel=\"prev\"", page_url(ctx, std::min(page.page - 1, last), page.limit)));
  if (page.page < last)
    links.push_back(fmt::format("<{}>; rel=\"next\"", page_url(ctx, page.page + 1, page.limit)));
  links.push_back(fmt::format("<{}>; rel=\"last\"", page_url(ctx, last, page.limit)));
  response.set_header("Link", fmt::format("{}", fmt::join(links, ", ")));
}

std::optional<std::string> if_match(const http::RequestContext& ctx) {
  auto h = ctx.header("if-match");
  if (!h) return std::nullopt;
  return std::string(*h);
}

}  // namespace cc::api
