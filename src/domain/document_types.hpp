#pragma once
// Which files may be attached to research tasks, recognised by declared type, file name and content.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cc {

struct DocumentType {
  std::string_view mime;
  std::string_view extension;  // what the stored file is named with
};

// The accepted types, for documentation and error messages.
const std::vector<DocumentType>& accepted_document_types();

// The type of an upload, or nullopt when it is not accepted. The declared content type is trusted only when
// it agrees with the bytes (PDF, PNG, JPEG and Office files are checked by their signature; text types must
// be valid UTF-8). `application/octet-stream` or no type falls back to the file name's extension.
std::optional<DocumentType> classify_document(std::string_view declared_type, std::string_view filename,
                                              std::string_view bytes);

// A file name safe to show and to put in Content-Disposition: no directories, no control characters or
// quotes, at most 255 bytes; "document" when nothing is left.
std::string sanitize_filename(std::string_view name);

bool valid_utf8(std::string_view text);

}  // namespace cc
