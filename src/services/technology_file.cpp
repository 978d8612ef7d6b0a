#include "services/technology_file.hpp"

#include <csv.h>
#include <fmt/format.h>

#include <boost/json/parse.hpp>
#include <charconv>
#include <memory>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/strings.hpp"
#include "domain/document_types.hpp"
#include "domain/technology.hpp"
#include "jobs/handlers/batch_import.hpp"

namespace cc::services {

namespace {

[[noreturn]] void bad_file(std::string message) {
  throw Error::validation("file", std::move(message), "invalid_file");
}

struct CsvRows {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> current;
  bool too_many = false;
};

void on_field(void* data, std::size_t length, void* out) {
  auto* rows = static_cast<CsvRows*>(out);
  rows->current.emplace_back(data ? static_cast<const char*>(data) : "", data ? length : 0);
}

void on_row(int, void* out) {
  auto* rows = static_cast<CsvRows*>(out);
  if (rows->rows.size() > jobs::kMaxImportRows) {
    rows->too_many = true;
  } else {
    rows->rows.push_back(std::move(rows->current));
  }
  rows->current.clear();
}

// A cell as a JSON value of the field's declared type; text that does not convert stays text, so that the
// row's validation names the field and the problem.
boost::json::value cell_value(const validation::Field& field, std::string_view text) {
  using validation::Type;
  switch (field.type) {
    case Type::Integer: {
      if (auto v = parse_int64(text)) return *v;
      break;
    }
    case Type::Number: {
      double v = 0;
      auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
      if (ec == std::errc() && end == text.data() + text.size()) return v;
      break;
    }
    case Type::Boolean: {
      auto lower = to_lower(text);
      if (lower == "true" || lower == "yes" || lower == "1") return true;
      if (lower == "false" || lower == "no" || lower == "0") return false;
      break;
    }
    case Type::Object:
      try {
        return boost::json::parse(text);
      } catch (const std::exception&) {
      }
      break;
    default:
      break;
  }
  return boost::json::string(text);
}

boost::json::array parse_csv(std::string_view content) {
  if (content.starts_with("\xEF\xBB\xBF")) content.remove_prefix(3);  // a BOM, as spreadsheets write
  csv_parser parser{};
  if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
    throw Error::internal("CSV parser");
  struct Free {
    csv_parser* p;
    ~Free() { csv_free(p); }
  } free_parser{&parser};
  CsvRows rows;
  if (csv_parse(&parser, content.data(), content.size(), on_field, on_row, &rows) != content.size() ||
      csv_fini(&parser, on_field, on_row, &rows) != 0) {
    bad_file(
        fmt::format("not valid CSV: {} (near byte {})", csv_strerror(csv_error(&parser)), rows.rows.size()));
  }
  if (rows.too_many) bad_file(fmt::format("at most {} rows per import", jobs::kMaxImportRows));
  if (rows.rows.empty()) bad_file("the CSV file is empty; its first row must name the fields");
  const auto& header = rows.rows.front();
  std::vector<const validation::Field*> fields;
  bool has_title = false;
  for (const auto& name : header) {
    auto key = to_lower(trim(name));
    const auto* field = technology_spec().find(key);
    if (!field && key != "reason") {
      std::vector<std::string> known;
      for (const auto& f : technology_spec().fields()) {
        if (f.name != "project_id") known.push_back(f.name);
      }
      bad_file(fmt::format("unknown column '{}'; columns are named after technology fields: {}", name,
                           fmt::join(known, ", ")));
    }
    has_title = has_title || key == "title";
    fields.push_back(field);
  }
  if (!has_title) bad_file("the CSV header has no 'title' column");
  boost::json::array out;
  for (std::size_t r = 1; r < rows.rows.size(); ++r) {
    const auto& row = rows.rows[r];
    if (row.size() == 1 && trim(row[0]).empty()) continue;  // a blank line
    if (row.size() > header.size()) {
      bad_file(
          fmt::format("row {} has {} cells but the header names {} fields", r, row.size(), header.size()));
    }
    boost::json::object object;
    for (std::size_t c = 0; c < row.size(); ++c) {
      auto text = trim(row[c]);
      if (text.empty()) continue;
      auto key = to_lower(trim(header[c]));
      object[key] = fields[c] ? cell_value(*fields[c], text) : boost::json::value(boost::json::string(text));
    }
    out.push_back(std::move(object));
  }
  if (out.empty()) bad_file("the CSV file has a header but no rows");
  return out;
}

boost::json::array parse_json_file(std::string_view content) {
  boost::json::value value;
  try {
    value = boost::json::parse(content);
  } catch (const std::exception& e) {
    bad_file(fmt::format("not valid JSON: {}", e.what()));
  }
  if (value.is_object()) {
    if (const auto* t = value.as_object().if_contains("technologies"); t && t->is_array())
      return t->as_array();
    bad_file("a JSON object must hold a 'technologies' array");
  }
  if (!value.is_array()) bad_file("the JSON file must hold an array of technologies");
  if (value.as_array().size() > jobs::kMaxImportRows) {
    bad_file(fmt::format("at most {} rows per import", jobs::kMaxImportRows));
  }
  return std::move(value.as_array());
}

}  // namespace

boost::json::array parse_technology_file(std::string_view filename, std::string_view content_type,
                                         std::string_view content) {
  if (content.empty()) bad_file("the file is empty");
  if (!valid_utf8(content)) bad_file("the file is not UTF-8 text");
  auto lower_name = to_lower(filename);
  auto type = to_lower(content_type);
  bool json = lower_name.ends_with(".json") || type.find("json") != std::string::npos;
  bool csv = lower_name.ends_with(".csv") || type.find("csv") != std::string::npos;
  if (json) return parse_json_file(content);
  if (csv) return parse_csv(content);
  bad_file("send a .csv file (first row: field names) or a .json file (an array of technologies)");
}

}  // namespace cc::services
