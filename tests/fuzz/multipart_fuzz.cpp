// multipart/form-data uploads (documents, batch import files): the Content-Type header, then the body.
#include "fuzz_support.hpp"
#include "http/multipart.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto input = cc::fuzz::split_input(cc::fuzz::as_text(data, size));
  const std::string_view content_type = input.first, body = input.second;
  cc::fuzz::expect_accepted_or_client_error([&] {
    auto parts = cc::http::parse_multipart(body, content_type);
    for (const auto& part : parts) {
      // Part data are views into the body: reading them must stay inside it.
      if (!part.data.empty() && (part.data.data() < body.data() ||
                                 part.data.data() + part.data.size() > body.data() + body.size())) {
        std::abort();
      }
    }
  });
  return 0;
}
