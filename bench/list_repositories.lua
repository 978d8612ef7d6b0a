-- GET /api/v1/repositories?limit=20&page=<random of the first 10>
local token = os.getenv("TOKEN")
wrk.headers["Authorization"] = "Bearer " .. token
function setup(thread) thread:set("seed", math.random(1, 1000000)) end
function init() math.randomseed(seed) end
function request()
  return wrk.format("GET", "/api/v1/repositories?limit=20&page=" .. math.random(1, 10))
end
