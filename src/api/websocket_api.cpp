// WebSockets: /api/v1/jobs/ws/{job_id} (one job's progress, in the original's messages) and /api/v1/ws (every
// event of a project, for the web UI). Both are pushed by the event bus; nothing polls. A client
// authenticates with Authorization: Bearer, or — browsers — with a single-use ticket from POST
// /api/v1/ws/ticket passed as ?ticket=.
#include <fmt/format.h>

#include <boost/json/parse.hpp>
#include <deque>
#include <mutex>
#include <optional>

#include "api/guards.hpp"
#include "api/routes.hpp"
#include "api/schemas.hpp"
#include "core/error.hpp"
#include "core/json_writer.hpp"
#include "core/strings.hpp"
#include "events/event_bus.hpp"
#include "http/context.hpp"
#include "http/websocket.hpp"

namespace cc::api {

using http::Method;
using http::RequestContext;
using http::Response;

namespace {

const validation::QuerySpec& ws_query() {
  static const validation::QuerySpec spec = [] {
    validation::QuerySpec q;
    q.integer("project_id", 1, std::nullopt, "Project whose events to receive (else your default)");
    q.string("ticket", 128, "Single-use ticket from POST /api/v1/ws/ticket (browsers)");
    return q;
  }();
  return spec;
}

const validation::QuerySpec& job_ws_query() {
  static const validation::QuerySpec spec = [] {
    validation::QuerySpec q;
    q.string("ticket", 128, "Single-use ticket from POST /api/v1/ws/ticket (browsers)");
    return q;
  }();
  return spec;
}

// Who is connecting: the Authorization header, else the ticket.
auth::Principal ws_caller(RequestContext& ctx, ApiDependencies& deps) {
  if (auto header = ctx.header("authorization")) {
    auto value = trim(*header);
    if (!starts_with_ci(value, "bearer ")) throw Error::unauthorized("Use Authorization: Bearer <token>");
    return deps.access.authenticate(trim(value.substr(7)));
  }
  for (const auto& [key, value] : ctx.request.query()) {
    if (key == "ticket") return deps.tickets.redeem(value);
  }
  throw Error::unauthorized(
      "Authenticate with Authorization: Bearer, or ?ticket= from POST /api/v1/ws/ticket");
}

// Events that arrive between subscribing and the end of the handshake wait here, then flow straight to the
// connection. The bus holds only a weak reference: when the connection goes, so does the subscription.
// How a stream ends: the close frame's code and reason.
struct Ending {
  int code = http::close_code::Normal;
  std::string reason;
};

class Stream : public std::enable_shared_from_this<Stream> {
 public:
  // The messages an event becomes; setting `ending` closes the connection after them.
  using Render = std::function<std::vector<std::shared_ptr<const std::string>>(
      const events::Event&, std::optional<Ending>& ending)>;

  explicit Stream(Render render) : render_(std::move(render)) {}

  events::Handler handler() {
    return [weak = weak_from_this()](const events::EventPtr& e) {
      if (auto self = weak.lock()) self->deliver(e);
    };
  }

  // Only the events `wanted` lets through.
  events::Handler handler(std::function<bool(const events::Event&)> wanted) {
    return [weak = weak_from_this(), wanted = std::move(wanted)](const events::EventPtr& e) {
      if (!wanted(*e)) return;
      if (auto self = weak.lock()) self->deliver(e);
    };
  }

  void add_subscription(events::Subscription s) {
    std::lock_guard lock(mutex_);
    subscriptions_.push_back(std::move(s));
  }

  // On the connection's thread, after the handshake: `first` is sent before anything buffered.
  void open(const std::shared_ptr<http::WebSocketConnection>& connection, std::vector<std::string> first,
            const std::function<bool(const events::Event&)>& keep_buffered) {
    std::lock_guard lock(mutex_);
    connection_ = connection;
    for (auto& m : first) connection->send(std::move(m));
    for (auto& e : buffered_) {
      if (!keep_buffered(*e)) continue;
      send_locked(*e);
    }
    buffered_.clear();
  }

  void close() {
    std::vector<events::Subscription> ending;
    {
      std::lock_guard lock(mutex_);
      connection_.reset();
      ending.swap(subscriptions_);
    }
    // Unsubscribing takes the bus's lock: not while holding ours, which the bus's delivery takes.
  }

 private:
  void deliver(const events::EventPtr& e) {
    std::lock_guard lock(mutex_);
    if (done_) return;
    if (!connection_) {
      if (buffered_.size() < 1024) buffered_.push_back(e);
      return;
    }
    send_locked(*e);
  }

  void send_locked(const events::Event& e) {
    std::optional<Ending> ending;
    for (auto& m : render_(e, ending)) connection_->send(std::move(m));
    if (ending) {
      done_ = true;
      connection_->close(ending->code, std::move(ending->reason));
    }
  }

  Render render_;
  std::mutex mutex_;
  std::shared_ptr<http::WebSocketConnection> connection_;
  std::deque<events::EventPtr> buffered_;
  std::vector<events::Subscription> subscriptions_;
  bool done_ = false;
};

std::string job_message(std::string_view type, const events::JobState& s, bool terminal) {
  JsonWriter w;
  w.begin_object()
      .field("type", type)
      .field("job_id", s.job_id)
      .field("status", s.status)
      .field("progress", s.progress)
      .field("current_step", s.current_step)
      .field("is_terminal", terminal)
      .end_object();
  return w.take();
}

std::string completed_message(const events::JobState& s) {
  JsonWriter w;
  w.begin_object().field("type", "completed").field("job_id", s.job_id).field("status", s.status);
  if (s.result) {
    w.raw_field("result", *s.result);
  } else {
    w.field("result", nullptr);
  }
  w.field("error", s.error).end_object();
  return w.take();
}

// The id in a resource event's data ({"id": N}).
std::optional<std::int64_t> changed_id(const events::Event& e) {
  try {
    return boost::json::parse(e.data()).as_object().at("id").as_int64();
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

// Those who can no longer read the project stop hearing of it: its deletion, or their removal.
std::optional<Ending> access_ended(const events::Event& e, std::int64_t user_id) {
  if (e.type() == "project.deleted") return Ending{http::close_code::PolicyViolation, "Project deleted"};
  if (e.type() == "member.deleted" && changed_id(e) == user_id) {
    return Ending{http::close_code::PolicyViolation, "No longer a member of this project"};
  }
  return std::nullopt;
}

std::vector<std::shared_ptr<const std::string>> render_job_event(const events::Event& e, std::int64_t user_id,
                                                                 std::optional<Ending>& ending) {
  std::vector<std::shared_ptr<const std::string>> out;
  if (!e.job()) {
    ending = access_ended(e, user_id);
    return out;
  }
  if (e.type() == events::type::JobDeleted) {
    ending = Ending{http::close_code::PolicyViolation, "Job deleted"};
    return out;
  }
  const auto& s = *e.job();
  bool terminal = s.terminal();
  out.push_back(std::make_shared<const std::string>(job_message("progress", s, terminal)));
  if (terminal) {
    out.push_back(std::make_shared<const std::string>(completed_message(s)));
    ending = Ending{http::close_code::Normal, "job finished"};
  }
  return out;
}

void on_client_message(const std::weak_ptr<http::WebSocketConnection>& connection, std::string_view text) {
  // Clients may ping at the application level (some proxies hide WebSocket pings from scripts).
  if (text.find("\"ping\"") != std::string_view::npos) {
    if (auto c = connection.lock()) c->send(std::string(R"({"type":"pong"})"));
  }
}

Response job_socket(RequestContext& ctx, ApiDependencies& deps) {
  job_ws_query().validate(ctx.request.query());
  auto principal = ws_caller(ctx, deps);
  auto job_id = ctx.path_id("job_id");
  auto user_id = principal.user_id;
  auto stream = std::make_shared<Stream>([user_id](const events::Event& e, std::optional<Ending>& ending) {
    return render_job_event(e, user_id, ending);
  });
  // Subscribe before reading the job, so that nothing that happens in between is missed.
  stream->add_subscription(deps.events.subscribe_job(job_id, stream->handler()));
  auto job = deps.jobs.find(job_id);
  if (job) {
    try {
      deps.access.authorize(principal, job->project_id, Role::Viewer);
      // Of the project's other events, only those that end the caller's access concern this socket.
      stream->add_subscription(
          deps.events.subscribe_project(job->project_id, stream->handler([user_id](const events::Event& e) {
            return !e.job() && access_ended(e, user_id).has_value();
          })));
    } catch (const Error&) {
      job.reset();  // another project's job looks exactly like a missing one
    }
  }
  auto session = std::make_shared<http::WebSocketSession>();
  auto weak_connection = std::make_shared<std::weak_ptr<http::WebSocketConnection>>();
  session->on_open = [stream, job, weak_connection](const std::shared_ptr<http::WebSocketConnection>& c) {
    *weak_connection = c;
    if (!job) {
      stream->close();
      c->close(http::close_code::PolicyViolation, "Job not found");
      return;
    }
    auto snapshot = events::JobState::of(*job);
    JsonWriter w;
    w.begin_object()
        .field("type", "connected")
        .field("job_id", job->id)
        .field("status", job->status)
        .field("progress", job->progress)
        .field("current_step", job->current_step)
        .end_object();
    std::vector<std::string> first{w.take()};
    if (job->terminal()) {
      first.push_back(job_message("progress", snapshot, true));
      first.push_back(completed_message(snapshot));
      stream->open(c, std::move(first), [](const events::Event&) { return false; });
      stream->close();
      c->close(http::close_code::Normal, "job finished");
      return;
    }
    // Buffered events older than the snapshot would move the progress backwards: only newer ones go out.
    stream->open(c, std::move(first), [snapshot](const events::Event& e) {
      return e.job() && (e.job()->terminal() || e.job()->progress >= snapshot.progress);
    });
  };
  session->on_message = [weak_connection](std::string_view text) {
    on_client_message(*weak_connection, text);
  };
  session->on_close = [stream] { stream->close(); };
  return http::websocket_upgrade(ctx.request, std::move(session));
}

Response project_socket(RequestContext& ctx, ApiDependencies& deps) {
  auto v = ws_query().validate(ctx.request.query());
  auto principal = ws_caller(ctx, deps);
  auto scope = deps.access.authorize(principal, v.integer("project_id"), Role::Viewer);
  auto user_id = principal.user_id;
  auto stream = std::make_shared<Stream>([user_id](const events::Event& e, std::optional<Ending>& ending) {
    ending = access_ended(e, user_id);
    // The deletion of the project itself is still news to its subscribers; the removal is not.
    if (ending && e.type() == "member.deleted") return std::vector<std::shared_ptr<const std::string>>{};
    return std::vector<std::shared_ptr<const std::string>>{e.message()};
  });
  stream->add_subscription(deps.events.subscribe_project(scope.project_id, stream->handler()));
  auto session = std::make_shared<http::WebSocketSession>();
  auto weak_connection = std::make_shared<std::weak_ptr<http::WebSocketConnection>>();
  auto project_id = scope.project_id;
  session->on_open = [stream, project_id,
                      weak_connection](const std::shared_ptr<http::WebSocketConnection>& c) {
    *weak_connection = c;
    stream->open(c, {fmt::format(R"({{"type":"connected","project_id":{}}})", project_id)},
                 [](const events::Event&) { return true; });
  };
  session->on_message = [weak_connection](std::string_view text) {
    on_client_message(*weak_connection, text);
  };
  session->on_close = [stream] { stream->close(); };
  return http::websocket_upgrade(ctx.request, std::move(session));
}

}  // namespace

void register_websocket_routes(http::Router& router, ApiDependencies& deps) {
  router
      .add(Method::Post, "/api/v1/ws/ticket",
           [&deps](RequestContext& ctx) {
             auto t = deps.tickets.issue(ctx.caller());
             JsonWriter w;
             w.begin_object().field("ticket", t.ticket).field("expires_in", t.expires_in).end_object();
             auto r = Response::json(201, w.take());
             r.set_header("Cache-Control", "no-store");
             return r;
           })
      .describe("A single-use ticket (30 s) for opening a WebSocket from a browser: pass it as ?ticket=",
                "websocket")
      .with_guard(authenticated(deps.access))
      .responds(201, ref("WsTicket"))
      .errors({401, 403});

  router.add(Method::Get, "/api/v1/ws", [&deps](RequestContext& ctx) { return project_socket(ctx, deps); })
      .describe(
          "WebSocket: every event of a project ({type: event, event, project_id, data, timestamp}), after a "
          "{type: connected} message",
          "websocket")
      .query(ws_query())
      .responds(101)
      .errors({400, 401, 404});

  router
      .add(Method::Get, "/api/v1/jobs/ws/{job_id}",
           [&deps](RequestContext& ctx) { return job_socket(ctx, deps); })
      .describe(
          "WebSocket: one job's progress — connected, then progress messages, then completed and a normal "
          "close; an unknown job is closed with 1008",
          "websocket")
      .query(job_ws_query())
      .responds(101)
      .errors({400, 401});
}

}  // namespace cc::api
