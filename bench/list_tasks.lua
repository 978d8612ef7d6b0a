-- GET /api/v1/research-tasks?status=<random>&limit=20&page=<random of the first 10>
local token = os.getenv("TOKEN")
local statuses = { "pending", "in_progress", "blocked", "completed", "cancelled" }
wrk.headers["Authorization"] = "Bearer " .. token
function setup(thread) thread:set("seed", math.random(1, 1000000)) end
function init() math.randomseed(seed) end
function request()
  local path = "/api/v1/research-tasks?status=" .. statuses[math.random(1, #statuses)] .. "&limit=20&page=" .. math.random(1, 10)
  return wrk.format("GET", path)
end
