#include "core/logging.hpp"

#include <spdlog/sinks/base_sink.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <cstdio>
#include <mutex>

#include "core/clock.hpp"
#include "core/json_writer.hpp"

namespace cc::log {

namespace {

// Writes into stdio's buffer without flushing; spdlog's periodic flusher and flush_on(warn) empty it.
class BufferedStdoutSink final : public spdlog::sinks::base_sink<std::mutex> {
 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override {
    std::fwrite(msg.payload.data(), 1, msg.payload.size(), stdout);
    std::fputc('\n', stdout);
  }
  void flush_() override { std::fflush(stdout); }
};

std::atomic<Format> g_format{Format::Json};
std::atomic<Level> g_level{Level::Info};
std::shared_ptr<spdlog::logger> g_logger;
std::once_flag g_default_once;

spdlog::level::level_enum to_spdlog(Level l) {
  switch (l) {
    case Level::Debug:
      return spdlog::level::debug;
    case Level::Info:
      return spdlog::level::info;
    case Level::Warn:
      return spdlog::level::warn;
    case Level::Error:
      return spdlog::level::err;
  }
  return spdlog::level::info;
}

std::string_view level_name(Level l) {
  switch (l) {
    case Level::Debug:
      return "debug";
    case Level::Info:
      return "info";
    case Level::Warn:
      return "warn";
    case Level::Error:
      return "error";
  }
  return "info";
}

spdlog::logger& logger() {
  std::call_once(g_default_once, [] {
    if (!g_logger) {
      g_logger = std::make_shared<spdlog::logger>("cc", std::make_shared<BufferedStdoutSink>());
      g_logger->set_pattern("%v");
      g_logger->flush_on(spdlog::level::warn);
    }
  });
  return *g_logger;
}

}  // namespace

void init(Level level, Format format) {
  g_level = level;
  g_format = format;
  auto& l = logger();
  l.set_level(to_spdlog(level));
  spdlog::flush_every(std::chrono::seconds(1));
}

bool parse_level(std::string_view text, Level& out) {
  if (text == "debug")
    out = Level::Debug;
  else if (text == "info")
    out = Level::Info;
  else if (text == "warn" || text == "warning")
    out = Level::Warn;
  else if (text == "error")
    out = Level::Error;
  else
    return false;
  return true;
}

bool enabled(Level level) {
  return level >= g_level.load(std::memory_order_relaxed);
}

void write(Level level, std::string_view event, std::initializer_list<Field> fields) {
  if (!enabled(level)) return;
  std::string line;
  if (g_format.load(std::memory_order_relaxed) == Format::Json) {
    JsonWriter w;
    w.begin_object().field("ts", now()).field("level", level_name(level)).field("event", event);
    for (const auto& f : fields) {
      w.key(f.key);
      std::visit([&](const auto& v) { w.value(v); }, f.value);
    }
    w.end_object();
    line = w.take();
  } else {
    line = format_rfc3339(now());
    line += ' ';
    line += level_name(level);
    line += ' ';
    line += event;
    for (const auto& f : fields) {
      line += ' ';
      line += f.key;
      line += '=';
      std::visit(
          [&](const auto& v) {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::string_view>) {
              line += v;
            } else if constexpr (std::is_same_v<T, bool>) {
              line += v ? "true" : "false";
            } else if constexpr (std::is_same_v<T, std::nullptr_t>) {
              line += "null";
            } else {
              line += std::to_string(v);
            }
          },
          f.value);
    }
  }
  logger().log(to_spdlog(level), std::string_view(line));
}

void flush() {
  logger().flush();
}

}  // namespace cc::log
