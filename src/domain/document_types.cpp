#include "domain/document_types.hpp"

#include <cstdint>

#include "core/strings.hpp"

namespace cc {

namespace {

enum class Check { Pdf, Png, Jpeg, Zip, Utf8 };

struct Known {
  DocumentType type;
  Check check;
  std::vector<std::string_view> extensions;
};

const std::vector<Known>& known() {
  static const std::vector<Known> list = {
      {{"application/pdf", "pdf"}, Check::Pdf, {"pdf"}},
      {{"text/plain", "txt"}, Check::Utf8, {"txt", "text", "log"}},
      {{"text/markdown", "md"}, Check::Utf8, {"md", "markdown"}},
      {{"text/csv", "csv"}, Check::Utf8, {"csv"}},
      {{"application/json", "json"}, Check::Utf8, {"json"}},
      {{"image/png", "png"}, Check::Png, {"png"}},
      {{"image/jpeg", "jpg"}, Check::Jpeg, {"jpg", "jpeg"}},
      {{"application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"},
       Check::Zip,
       {"docx"}},
      {{"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"}, Check::Zip, {"xlsx"}},
      {{"application/vnd.openxmlformats-officedocument.presentationml.presentation", "pptx"},
       Check::Zip,
       {"pptx"}},
  };
  return list;
}

bool content_matches(Check check, std::string_view b) {
  switch (check) {
    case Check::Pdf:
      return b.starts_with("%PDF-");
    case Check::Png:
      return b.starts_with("\x89PNG\r\n\x1a\n");
    case Check::Jpeg:
      return b.starts_with("\xFF\xD8\xFF");
    case Check::Zip:
      return b.starts_with(std::string_view("PK\x03\x04", 4));
    case Check::Utf8:
      return valid_utf8(b) && b.find('\0') == std::string_view::npos;
  }
  return false;
}

std::string_view extension_of(std::string_view filename) {
  auto dot = filename.rfind('.');
  if (dot == std::string_view::npos) return {};
  return filename.substr(dot + 1);
}

}  // namespace

const std::vector<DocumentType>& accepted_document_types() {
  static const std::vector<DocumentType> types = [] {
    std::vector<DocumentType> out;
    for (const auto& k : known()) out.push_back(k.type);
    return out;
  }();
  return types;
}

bool valid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t length = 0;
    std::uint32_t code = 0;
    if ((c & 0xE0) == 0xC0) {
      length = 2;
      code = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      length = 3;
      code = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      length = 4;
      code = c & 0x07;
    } else {
      return false;
    }
    if (i + length > s.size()) return false;
    for (std::size_t k = 1; k < length; ++k) {
      auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      code = (code << 6) | (cc & 0x3F);
    }
    bool overlong =
        (length == 2 && code < 0x80) || (length == 3 && code < 0x800) || (length == 4 && code < 0x10000);
    if (overlong || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return false;
    i += length;
  }
  return true;
}

std::optional<DocumentType> classify_document(std::string_view declared_type, std::string_view filename,
                                              std::string_view bytes) {
  auto media = to_lower(trim(declared_type.substr(0, declared_type.find(';'))));
  auto ext = to_lower(extension_of(filename));
  const Known* match = nullptr;
  if (!media.empty() && media != "application/octet-stream") {
    for (const auto& k : known()) {
      if (k.type.mime == media) match = &k;
    }
    if (!match && (media == "text/x-markdown" || media == "text/md")) match = &known()[2];
    if (!match && media == "image/jpg") match = &known()[6];
  } else {
    for (const auto& k : known()) {
      for (auto e : k.extensions) {
        if (e == ext) match = &k;
      }
    }
  }
  if (!match || !content_matches(match->check, bytes)) return std::nullopt;
  return match->type;
}

std::string sanitize_filename(std::string_view name) {
  auto slash = name.find_last_of("/\\");
  if (slash != std::string_view::npos) name.remove_prefix(slash + 1);
  std::string out;
  for (char ch : name) {
    auto c = static_cast<unsigned char>(ch);
    if (c < 0x20 || c == 0x7F || ch == '"' || ch == '\\' || ch == ';') continue;
    out.push_back(ch);
  }
  out = std::string(trim(out));
  while (!out.empty() && out.front() == '.') out.erase(out.begin());
  if (out.size() > 255) out.resize(255);
  while (!out.empty() && !valid_utf8(out)) out.pop_back();  // never cut a character in half
  if (out.empty()) out = "document";
  return out;
}

}  // namespace cc
