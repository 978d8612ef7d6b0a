// Batch import uploads: a CSV or JSON file of technologies. The first byte picks the file name (and so the
// format); the rest is the file.
#include "domain/technology.hpp"
#include "fuzz_support.hpp"
#include "services/technology_file.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  std::string_view filename = (data[0] & 1) ? "import.csv" : "import.json";
  std::string_view content_type = (data[0] & 2) ? "text/csv" : "application/json";
  auto content = cc::fuzz::as_text(data + 1, size - 1);
  cc::fuzz::expect_accepted_or_client_error([&] {
    auto rows = cc::services::parse_technology_file(filename, content_type, content);
    // The importer validates each row as a create body and reports a bad one (even a bare number, as in
    // {"technologies": [2]}) as a failed row: that validation must refuse cleanly too.
    for (const auto& row : rows) {
      cc::fuzz::expect_accepted_or_client_error(
          [&] { (void)cc::technology_spec().validate(row, cc::validation::Mode::Create); });
    }
  });
  return 0;
}
