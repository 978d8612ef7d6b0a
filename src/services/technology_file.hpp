#pragma once
// Reads an uploaded file of technologies for a batch import: a CSV file whose first row names the fields
// (title, domain, status, priority, tags, …), or a JSON file holding an array of technology objects (or an
// object with a "technologies" array). Cells become JSON values of the field's type so that each row is then
// validated exactly like a single create; an empty cell leaves the field out.
#include <boost/json/array.hpp>
#include <string_view>

namespace cc::services {

// Throws cc::Error 422 (field "file") for a file that is neither, a CSV without a title column, a row with
// more cells than the header, or more rows than one import may hold.
boost::json::array parse_technology_file(std::string_view filename, std::string_view content_type,
                                         std::string_view content);

}  // namespace cc::services
